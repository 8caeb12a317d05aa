import { error, type RequestEvent } from '@sveltejs/kit';
import { recipientQueryFromSearchParams } from '$lib/campaigns/recipient-filter';
import { requireUser } from '$lib/server/auth/guards';
import { scopeOf } from '$lib/server/auth/scope';
import { mayPost } from '$lib/server/auth/visibility';
import {
	reachableCampaign,
	recipientCounts,
	recipientPage
} from '$lib/server/campaigns/recipients';
import { campaignFunnel } from '$lib/server/campaigns/service';
import { appDb } from '$lib/server/db/app-db';
import { retryFailedAction } from '$lib/server/campaigns/retry-failed';
import { pageId } from '$lib/server/route-params';
import * as m from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

/** The campaign the URL names, if the user may see it: out of their scope answers like none. */
async function reachable(event: RequestEvent<{ id: string }>) {
	const user = requireUser(event);
	const db = appDb();
	const campaignId = pageId(event.params.id, m.campaigns_recipients_not_found());
	const campaign = await reachableCampaign(db, campaignId, await scopeOf(db, user));
	if (!campaign) error(404, m.campaigns_recipients_not_found());
	return { user, db, campaign };
}

export const load: PageServerLoad = async (event) => {
	const { user, db, campaign } = await reachable(event);
	const { query, problems } = recipientQueryFromSearchParams(event.url.searchParams);
	const page = await recipientPage(db, campaign.id, query);
	const status = query.status ? [['status', query.status]] : [];
	const href = (cursor: [string, number][]) =>
		`?${new URLSearchParams([...status, ...cursor.map(([name, id]) => [name, String(id)])])}`;
	return {
		campaign,
		status: query.status,
		problems,
		counts: await recipientCounts(db, campaign.id),
		recipients: page.recipients,
		previousHref: page.previous === null ? null : href([['before', page.previous]]),
		nextHref: page.next === null ? null : href([['after', page.next]]),
		firstHref: query.after !== undefined || query.before !== undefined ? href([]) : null,
		failedEmails: (await campaignFunnel(db, campaign.id)).failed,
		mayRetryFailed: mayPost('/(staff)/campaigns/[id]', 'retryFailed', user.role)
	};
};

export const actions: Actions = {
	/** Queues the campaign's failed emails again, once confirmed when they are more than a handful. */
	retryFailed: async (event) => {
		const { user, db, campaign } = await reachable(event);
		return retryFailedAction(db, campaign, await event.request.formData(), { userId: user.id });
	}
};
