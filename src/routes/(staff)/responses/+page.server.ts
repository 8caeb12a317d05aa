import {
	inboxCursorFromSearchParams,
	inboxCursorParam,
	inboxFilterFromSearchParams,
	inboxFilterToSearchParams,
	isInboxFiltered
} from '$lib/schemas/inbox-filter';
import { requireUser } from '$lib/server/auth/guards';
import { mayRead } from '$lib/server/auth/visibility';
import { clientInScope, scopedQuery, scopeOf } from '$lib/server/auth/scope';
import { appDb } from '$lib/server/db/app-db';
import { inboxChoices, inboxClientName, inboxPage } from '$lib/server/responses/inbox';
import { latestScoreRefresh } from '$lib/server/responses/scores';
import type { PageServerLoad } from './$types';

// Every staff role reads the inbox; who the clients are only those who may open the client base.
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = appDb();
	const params = event.url.searchParams;
	const { filter, problems } = inboxFilterFromSearchParams(params);
	const { cursor, problem } = inboxCursorFromSearchParams(params);
	const withClients = mayRead('/(staff)/clients', user.role);
	const limit = await scopeOf(db, user);
	const page = await inboxPage(db, scopedQuery(filter, limit), { cursor, withClients });
	const query = inboxFilterToSearchParams(filter);
	const pageHref = (direction: 'older' | 'newer', at: { submittedAt: Date; id: number } | null) =>
		at && `?${new URLSearchParams([...query, [direction, inboxCursorParam(at)]])}`;
	return {
		filter,
		problems: problem ? [...problems, problem] : problems,
		filtered: isInboxFiltered(filter),
		rows: page.rows,
		count: page.count,
		olderHref: pageHref('older', page.older),
		newerHref: pageHref('newer', page.newer),
		newestHref: cursor ? `?${query}` : null,
		withClients,
		client:
			filter.client === undefined
				? null
				: {
						id: filter.client,
						name:
							withClients && (await clientInScope(db, filter.client, limit))
								? await inboxClientName(db, filter.client)
								: null,
						clearHref: `?${new URLSearchParams([...query].filter(([name]) => name !== 'client'))}`
					},
		choices: await inboxChoices(db),
		scoreRefresh: await latestScoreRefresh(db)
	};
};
