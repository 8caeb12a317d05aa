import { apiRoute } from '$lib/server/api/endpoint';
import { deleteTopic, replaceTopic } from '$lib/server/api/endpoints/topics';
import { appDb } from '$lib/server/db/app-db';
import { asApiError } from '$lib/server/refusals';
import { apiId } from '$lib/server/route-params';
import { deleteTopic as remove, getTopic, updateTopic } from '$lib/server/sentiment/topics';

const NO_SUCH_TOPIC = 'No such topic.';

export const PUT = apiRoute(replaceTopic, async ({ event, body }) => {
	const db = appDb();
	const id = apiId(event.params.id, NO_SUCH_TOPIC);
	const updated = await updateTopic(db, id, body);
	if (!updated.ok) throw asApiError(updated);
	return (await getTopic(db, id))!;
});

export const DELETE = apiRoute(deleteTopic, async ({ event }) => {
	const deleted = await remove(appDb(), apiId(event.params.id, NO_SUCH_TOPIC));
	if (!deleted.ok) throw asApiError(deleted);
	return { deleted: true as const };
});
