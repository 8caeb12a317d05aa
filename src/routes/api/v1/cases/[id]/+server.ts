import { apiRoute } from '$lib/server/api/endpoint';
import {
	getCase as getEndpoint,
	updateCase as updateEndpoint
} from '$lib/server/api/endpoints/cases';
import { ApiError } from '$lib/server/api/errors';
import { appDb } from '$lib/server/db/app-db';
import { caseDetailJson } from '$lib/server/followups/case-json';
import { getCase } from '$lib/server/followups/queries';
import { updateCase } from '$lib/server/followups/workflow';
import { apiId } from '$lib/server/route-params';
import { findUserByEmail } from '$lib/server/users/service';
import { asApiError } from '$lib/server/refusals';

function found(id: number) {
	const kase = getCase(appDb(), id);
	if (!kase) throw new ApiError(404, 'No such case.');
	return kase;
}

export const GET = apiRoute(getEndpoint, ({ event }) =>
	caseDetailJson(found(apiId(event.params.id, 'No such case.')))
);

export const PATCH = apiRoute(updateEndpoint, async ({ event, body, apiKey }) => {
	const db = appDb();
	const id = apiId(event.params.id, 'No such case.');
	found(id);
	let assigneeId: string | null | undefined = body.assignee === null ? null : undefined;
	if (body.assignee) {
		const user = findUserByEmail(db, body.assignee);
		if (!user || user.deactivatedAt)
			throw new ApiError(400, `No active staff user has the email ${body.assignee}.`, [
				{
					path: ['assignee'],
					message: 'give an active staff user’s email, or null for nobody',
					code: 'custom'
				}
			]);
		assigneeId = user.id;
	}
	const outcome = await updateCase(
		db,
		id,
		{
			status: body.status,
			note: body.note,
			assigneeId,
			dueAt: body.dueAt ? new Date(body.dueAt) : undefined,
			comment: body.comment
		},
		{ apiKeyName: apiKey.name }
	);
	// The API names the assignee by email, in the field `assignee`.
	if (!outcome.ok)
		throw asApiError({
			...outcome,
			field: outcome.field === 'assigneeId' ? 'assignee' : outcome.field
		});
	return caseDetailJson(found(id));
});
