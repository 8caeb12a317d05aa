import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { confirmedCountSchema, needsConfirmation } from '$lib/clients/bulk-confirmation';
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
import { askToConfirm, formValues } from '$lib/server/forms';
import { retryFailedOfCampaign } from '$lib/server/mail/retry';
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
		const form = await event.request.formData();
		// An unusable number reads as none (the schema's `catch`): the question is asked again.
		const { confirmedCount } = confirmedCountSchema.parse(formValues(form));
		const failed = (await campaignFunnel(db, campaign.id)).failed;
		if (!failed) return fail(404, { message: m.campaigns_no_failed() });
		if (needsConfirmation(failed, confirmedCount))
			return askToConfirm(failed, form, {
				question: m.campaigns_recipients_confirm_retry({ count: failed, name: campaign.name }),
				yes: m.campaigns_recipients_confirm_retry_yes({ count: failed })
			});
		const queued = await retryFailedOfCampaign(db, campaign.id, { userId: user.id });
		if (!queued) return fail(404, { message: m.campaigns_no_failed() });
		return { success: m.campaigns_requeued({ count: queued }) };
	}
};
