import { error } from '@sveltejs/kit';
import { recipientQueryFromSearchParams } from '$lib/campaigns/recipient-filter';
import * as m from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { recordAudit } from '$lib/server/audit';
import { requireUser } from '$lib/server/auth/guards';
import { scopeOf } from '$lib/server/auth/scope';
import { reachableCampaign, recipientsCsv } from '$lib/server/campaigns/recipients';
import { csvDownload } from '$lib/server/csv-download';
import { appDb } from '$lib/server/db/app-db';
import { pageId } from '$lib/server/route-params';
import type { RequestHandler } from './$types';

/** The campaign's recipients in the list's status (or all), as CSV: a manager's download, it holds emails. */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const db = appDb();
	const campaignId = pageId(event.params.id, m.campaigns_recipients_not_found());
	const campaign = await reachableCampaign(db, campaignId, await scopeOf(db, user));
	if (!campaign) error(404, m.campaigns_recipients_not_found());
	const { query, problems } = recipientQueryFromSearchParams(event.url.searchParams);
	// A download cannot show a message beside a list: a status that does not parse is refused.
	if (problems.length) error(400, problems.join(' '));
	await recordAudit(
		db,
		{ userId: user.id },
		'campaign.recipients-export',
		`campaign:${campaignId}`,
		{
			status: query.status ?? null
		}
	);
	return csvDownload(
		recipientsCsv(db, campaignId, query.status, getLocale()),
		`campaign-${campaignId}-recipients${query.status ? `-${query.status}` : ''}.csv`
	);
};
