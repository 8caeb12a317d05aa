import { apiRoute } from '$lib/server/api/endpoint';
import { importResponses } from '$lib/server/api/endpoints/responses';
import { appDb } from '$lib/server/db/app-db';
import { importResponseItems } from '$lib/server/responses/import';
import { apiId } from '$lib/server/route-params';
import { asApiError } from '$lib/server/refusals';
import * as m from '$lib/paraglide/messages';

export const POST = apiRoute(importResponses, async ({ event, body, apiKey }) => {
	const outcome = await importResponseItems(
		appDb(),
		apiId(event.params.id, m.surveys_not_found()),
		body.responses,
		{
			actor: { apiKeyId: apiKey.id },
			source: `API key ${apiKey.name}`,
			version: body.version
		}
	);
	if (!outcome.ok) {
		const issues = outcome.issues.map(({ path, message }) => ({ path, message, code: 'custom' }));
		throw asApiError(outcome, issues);
	}
	return {
		imported: outcome.imported,
		anonymous: outcome.anonymous,
		version: outcome.version,
		from: outcome.from.toISOString(),
		to: outcome.to.toISOString()
	};
});
