import { z } from 'zod';
import { answerableQuestions } from '$lib/schemas/survey';
import { acceptedValues, MAX_IMPORTED_RESPONSES } from '$lib/surveys/response-import';
import type { RowIssue } from '$lib/csv/row-issue';
import { refuse } from '$lib/result';
import { requireUser } from '$lib/server/auth/guards';
import { uploadRefusal } from '$lib/schemas/upload';
import { csvUploadSchema, MAX_IMPORT_BYTES } from '$lib/csv/read';
import { appDb } from '$lib/server/db/app-db';
import { importedResponseCount, importResponseCsv } from '$lib/server/responses/import';
import { asFormFailure, type Refused } from '$lib/server/refusals';
import { pageId } from '$lib/server/route-params';
import * as m from '$lib/paraglide/messages';
import { importTarget } from './import-target';
import type { Actions, PageServerLoad } from './$types';

/** Problems shown on the page; the rest are counted. */
const SHOWN_ISSUES = 50;

export const load: PageServerLoad = async (event) => {
	const db = appDb();
	const target = await importTarget(db, pageId(event.params.id, m.surveys_not_found()), event.url);
	const { survey, definition } = target;
	const language = definition.defaultLanguage;
	return {
		survey: { id: survey.id, name: survey.name, status: survey.status, version: survey.version },
		versions: survey.versions.map(({ version, responses }) => ({ version, responses })),
		version: target.version,
		defaultLanguage: language,
		languages: definition.languages,
		questions: answerableQuestions(definition).map((question) => ({
			id: question.id,
			text: question.text[language] ?? '',
			accepts: acceptedValues(question),
			multiple: question.type === 'multiple'
		})),
		imported: await importedResponseCount(db, survey.id),
		maxRows: MAX_IMPORTED_RESPONSES,
		maxMegabytes: MAX_IMPORT_BYTES / (1024 * 1024)
	};
};

const versionField = z.coerce.number().int().positive().optional();

/** Every refusal lists the file's problems (none before it is read), so the page reads them without narrowing. */
const refused = (refusal: Refused, fileName = '', issues: RowIssue[] = [], issueCount = 0) =>
	asFormFailure(refusal, { fileName, issues, issueCount });

export const actions: Actions = {
	upload: async (event) => {
		const user = requireUser(event);
		const id = pageId(event.params.id, m.surveys_not_found());
		const form = await event.request.formData();
		const upload = csvUploadSchema.safeParse(form.get('file'));
		if (!upload.success) return refused(uploadRefusal(upload.error));
		const file = upload.data;
		const version = versionField.safeParse(form.get('version') || undefined);
		if (!version.success) return refused(refuse(400, m.surveys_import_choose_version()));
		const outcome = await importResponseCsv(appDb(), id, new Uint8Array(await file.arrayBuffer()), {
			actor: { userId: user.id },
			source: m.surveys_import_source({ file: file.name }),
			version: version.data
		});
		if (!outcome.ok)
			return refused(outcome, file.name, outcome.issues.slice(0, SHOWN_ISSUES), outcome.issueCount);
		return { imported: { ...outcome, fileName: file.name } };
	}
};
