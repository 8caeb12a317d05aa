import { z } from 'zod';
import { clientInputSchema, type ClientInput } from '$lib/schemas/clients';
import { ApiError, type ApiIssue } from '$lib/server/api/errors';
import { apiRoute } from '$lib/server/api/endpoint';
import { bulkClients } from '$lib/server/api/endpoints/clients';
import { listAttributeDefinitions } from '$lib/server/clients/attributes';
import { guessMapping, parseClientCsv } from '$lib/server/clients/csv-import';
import { importRows, mappingProblemsFor } from '$lib/server/clients/imports';
import { allClientFields, saveClients, type ClientField } from '$lib/server/clients/save';
import { appDb } from '$lib/server/db/app-db';
import * as m from '$lib/paraglide/messages';

const invalid = (issues: ApiIssue[]) => new ApiError(400, m.api_bulk_rows_invalid(), issues);

export const POST = apiRoute(bulkClients, async ({ body, csv, event, apiKey }) => {
	const db = appDb();
	const actor = { apiKeyId: apiKey.id };
	const source = `API key ${apiKey.name}`;

	if (csv !== null) {
		const onExisting = z
			.enum(['skip', 'update'])
			.safeParse(event.url.searchParams.get('onExisting'));
		if (!onExisting.success) throw new ApiError(400, m.api_bulk_on_existing());
		const parsed = parseClientCsv(csv);
		if (!parsed.ok) throw new ApiError(400, parsed.message);
		const mapping = guessMapping(
			parsed.csv.headers,
			(await listAttributeDefinitions(db)).map((d) => d.key)
		);
		const problems = await mappingProblemsFor(db, parsed.csv, mapping);
		if (problems.length)
			throw invalid(problems.map((message) => ({ row: 1, column: '', message })));
		const outcome = await importRows(
			db,
			parsed.csv,
			{ mapping, onExisting: onExisting.data },
			{ actor, source }
		);
		if (!outcome.ok)
			throw invalid(
				outcome.issues.map(({ line, column, message }) => ({ row: line, column, message }))
			);
		return { created: outcome.created, updated: outcome.updated, skipped: outcome.skipped };
	}

	const issues: ApiIssue[] = [];
	const inputs: ClientInput[] = [];
	const sentFields: Set<ClientField>[] = [];
	body.clients.forEach((raw, row) => {
		const parsed = clientInputSchema.safeParse(raw);
		if (!parsed.success) {
			issues.push(
				...parsed.error.issues.map((issue) => ({
					row,
					column: issue.path.join('.'),
					message: issue.message
				}))
			);
			return;
		}
		inputs.push(parsed.data);
		const keys = raw && typeof raw === 'object' ? Object.keys(raw) : [];
		sentFields.push(
			new Set(keys.filter((key): key is ClientField => allClientFields.has(key as ClientField)))
		);
	});
	if (issues.length) throw invalid(issues);
	const saved = await saveClients(db, inputs, {
		onExisting: body.onExisting,
		fields: (index) => sentFields[index]!,
		actor,
		source
	});
	if (!saved.ok)
		throw invalid(
			saved.issues.map(({ index, field, message }) => ({ row: index, column: field, message }))
		);
	return { created: saved.created, updated: saved.updated, skipped: saved.skipped };
});
