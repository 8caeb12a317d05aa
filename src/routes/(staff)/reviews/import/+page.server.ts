import type { RequestEvent } from '@sveltejs/kit';
import {
	isReviewField,
	reviewFieldLabels,
	reviewFields,
	reviewFormatLabels,
	reviewFormatNames,
	reviewFormats
} from '$lib/reviews/fields';
import { trustpilotColumns } from '$lib/reviews/review-file';
import { columnMappingSchema } from '$lib/schemas/column-mapping';
import { reviewImportFormSchema } from '$lib/schemas/review-import';
import { uploadedFile, uploadRefusal } from '$lib/schemas/upload';
import { refuse } from '$lib/result';
import { requireUser } from '$lib/server/auth/guards';
import { MAX_IMPORT_BYTES, tooLargeMessage } from '$lib/csv/read';
import { appDb } from '$lib/server/db/app-db';
import { formValues, parseForm } from '$lib/server/forms';
import { asFormFailure, type Refused } from '$lib/server/refusals';
import { importReviewFile, type ReviewImportRefusal } from '$lib/server/reviews/import';
import * as m from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	return {
		formats: reviewFormats.map((format) => ({
			value: format,
			label: reviewFormatLabels[format],
			name: reviewFormatNames[format]
		})),
		fields: reviewFields.map((field) => ({ value: field, label: reviewFieldLabels[field] })),
		trustpilotColumns: Object.keys(trustpilotColumns),
		maxMegabytes: MAX_IMPORT_BYTES / (1024 * 1024)
	};
};

/** The upload's schema, made per request so that its message is in the request's language. */
const reviewFile = () =>
	uploadedFile({
		missing: m.reviews_import_missing_file(),
		maxBytes: MAX_IMPORT_BYTES,
		tooLarge: tooLargeMessage
	});

type Action = 'check' | 'import';

/** One shape for every refusal, so the page reads its problems without narrowing. */
function refused(
	action: Action,
	fileName: string,
	refusal: Refused & Partial<Omit<ReviewImportRefusal, 'ok'>>
) {
	const { problems = [], issues = [], issueCount = 0, format = null, columns = null } = refusal;
	return asFormFailure(refusal, {
		action,
		fileName,
		problems,
		issues,
		issueCount,
		format,
		columns
	});
}

/** Checks (`dryRun`) or imports the uploaded file; both answer with the same shape, so the page reads one. */
async function run(event: RequestEvent, dryRun: boolean) {
	const user = requireUser(event);
	const form = await event.request.formData();
	const action: Action = dryRun ? 'check' : 'import';
	const upload = reviewFile().safeParse(form.get('file'));
	if (!upload.success) {
		const file = form.get('file');
		return refused(action, file instanceof File ? file.name : '', uploadRefusal(upload.error));
	}
	const file = upload.data;
	const choices = parseForm(reviewImportFormSchema, form);
	if (!choices.ok)
		return refused(action, file.name, refuse(400, Object.values(choices.errors)[0]!));
	const { format, source, tag, columns: shownColumns } = choices.data;
	const mapping =
		shownColumns === undefined
			? undefined
			: columnMappingSchema(shownColumns, isReviewField).safeParse(formValues(form));
	if (mapping && !mapping.success)
		return refused(
			action,
			file.name,
			refuse(400, mapping.error.issues.map((issue) => issue.message).join(' '))
		);

	const outcome = await importReviewFile(
		appDb(),
		new Uint8Array(await file.arrayBuffer()),
		{ format, mapping: mapping?.data, source, tag },
		{ actor: { userId: user.id }, origin: { kind: 'file', name: file.name }, dryRun }
	);
	if (!outcome.ok) return refused(action, file.name, outcome);
	const { ok: _ok, columns, ...summary } = outcome;
	return { action, fileName: file.name, columns, summary };
}

export const actions: Actions = {
	check: (event) => run(event, true),
	import: (event) => run(event, false)
};
