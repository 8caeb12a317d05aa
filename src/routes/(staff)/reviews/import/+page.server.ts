import { fail, type RequestEvent } from '@sveltejs/kit';
import { isReviewField, isReviewFormat, reviewFieldLabels, reviewFields, reviewFormatLabels, reviewFormatNames, reviewFormats, type ReviewField } from '$lib/reviews/fields';
import { trustpilotColumns } from '$lib/reviews/review-file';
import { requireUser } from '$lib/server/auth/guards';
import { MAX_IMPORT_BYTES, tooLargeMessage } from '$lib/server/clients/csv-import';
import { appDb } from '$lib/server/db/app-db';
import { importReviewFile, type ReviewImportRefusal } from '$lib/server/reviews/import';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	return {
		formats: reviewFormats.map((format) => ({ value: format, label: reviewFormatLabels[format], name: reviewFormatNames[format] })),
		fields: reviewFields.map((field) => ({ value: field, label: reviewFieldLabels[field] })),
		trustpilotColumns: Object.keys(trustpilotColumns),
		maxMegabytes: MAX_IMPORT_BYTES / (1024 * 1024)
	};
};

/** The generic CSV's columns as chosen on the page (one select per column), if the page showed them. */
function mappingFromForm(form: FormData): (ReviewField | null)[] | undefined {
	const columns = Number(form.get('columns'));
	if (!Number.isInteger(columns) || columns <= 0 || columns > 200) return undefined;
	return Array.from({ length: columns }, (_, column) => {
		const value = form.get(`column-${column}`);
		return typeof value === 'string' && isReviewField(value) ? value : null;
	});
}

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value.trim() : '';
};

type Action = 'check' | 'import';

/** One shape for every refusal, so the page reads its problems without narrowing. */
function refused(action: Action, fileName: string, refusal: Partial<ReviewImportRefusal> & { status: number; message: string }) {
	const { status, message, problems = [], issues = [], issueCount = 0, format = null, columns = null } = refusal;
	return fail(status, { action, fileName, message, problems, issues, issueCount, format, columns });
}

/** Checks (`dryRun`) or imports the uploaded file; both answer with the same shape, so the page reads one. */
async function run(event: RequestEvent, dryRun: boolean) {
	const user = requireUser(event);
	const form = await event.request.formData();
	const file = form.get('file');
	const action: Action = dryRun ? 'check' : 'import';
	if (!(file instanceof File) || file.size === 0) return refused(action, '', { status: 400, message: 'Choose a file of reviews to upload.' });
	if (file.size > MAX_IMPORT_BYTES) return refused(action, file.name, { status: 413, message: tooLargeMessage(file.size) });
	const format = text(form, 'format');
	const source = text(form, 'source');
	const tag = text(form, 'tag');
	if (source.length > 100 || tag.length > 100) {
		return refused(action, file.name, { status: 400, message: 'A source and a location or product have at most 100 characters each.' });
	}

	const outcome = await importReviewFile(
		appDb(),
		new Uint8Array(await file.arrayBuffer()),
		{ format: isReviewFormat(format) ? format : undefined, mapping: mappingFromForm(form), source, tag },
		{ actor: { userId: user.id }, origin: `file ${file.name}`, dryRun }
	);
	if (!outcome.ok) return refused(action, file.name, outcome);
	const { ok: _ok, columns, ...summary } = outcome;
	return { action, fileName: file.name, columns, summary };
}

export const actions: Actions = {
	check: (event) => run(event, true),
	import: (event) => run(event, false)
};
