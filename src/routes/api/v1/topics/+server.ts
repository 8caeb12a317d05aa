import { apiRoute } from '$lib/server/api/endpoint';
import { createTopic, listTopics } from '$lib/server/api/endpoints/topics';
import { appDb } from '$lib/server/db/app-db';
import { asApiError } from '$lib/server/refusals';
import {
	createTopic as create,
	getTopic,
	listTopics as topics
} from '$lib/server/sentiment/topics';

export const GET = apiRoute(listTopics, async () => ({ items: await topics(appDb()) }));

export const POST = apiRoute(createTopic, async ({ body }) => {
	const db = appDb();
	const created = await create(db, body);
	if (!created.ok) throw asApiError(created);
	return (await getTopic(db, created.id))!;
});
