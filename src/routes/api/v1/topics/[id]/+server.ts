import { apiRoute } from '$lib/server/api/endpoint';
import { deleteTopic, replaceTopic } from '$lib/server/api/endpoints/topics';
import { appDb } from '$lib/server/db/app-db';
import { asApiError } from '$lib/server/refusals';
import { apiId } from '$lib/server/route-params';
import { deleteTopic as remove, getTopic, updateTopic } from '$lib/server/sentiment/topics';
import * as m from '$lib/paraglide/messages';

export const PUT = apiRoute(replaceTopic, async ({ event, body }) => {
	const db = appDb();
	const id = apiId(event.params.id, m.api_topic_not_found());
	const updated = await updateTopic(db, id, body);
	if (!updated.ok) throw asApiError(updated);
	return (await getTopic(db, id))!;
});

export const DELETE = apiRoute(deleteTopic, async ({ event }) => {
	const deleted = await remove(appDb(), apiId(event.params.id, m.api_topic_not_found()));
	if (!deleted.ok) throw asApiError(deleted);
	return { deleted: true as const };
});
