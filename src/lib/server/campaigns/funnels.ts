import { and, desc, eq, exists, gte, inArray, isNotNull, lte } from 'drizzle-orm';
import type { Queryable } from '../db';
import { scopedCampaigns, type Scope } from '../auth/scope';
import { campaigns, invitations, surveys } from '../db/schema';
import { campaignFunnel } from './service';

export type FunnelScope = {
	surveyIds: number[];
	/** A scoped user's segment: only campaigns sent to it (src/lib/server/auth/scope.ts). */
	limit?: Scope | null;
	from?: string | undefined;
	to?: string | undefined;
};

/** An invitation of the outer query's campaign created within the scope's dates (index on campaign). */
const sentWithin = (db: Queryable, { from, to }: FunnelScope) =>
	db
		.select({ one: invitations.id })
		.from(invitations)
		.where(
			and(
				eq(invitations.campaignId, campaigns.id),
				from ? gte(invitations.createdAt, new Date(`${from}T00:00:00Z`)) : undefined,
				to ? lte(invitations.createdAt, new Date(`${to}T23:59:59.999Z`)) : undefined
			)
		);

/**
 * The campaigns of some surveys that have sent, newest run first, each with its funnel: what the
 * dashboard lists beside the CSI. With dates, only campaigns that sent an invitation within them.
 * A funnel counts every invitation of its campaign, so a monthly campaign's runs are added up.
 */
export async function latestCampaignFunnels(db: Queryable, scope: FunnelScope, limit = 5) {
	if (!scope.surveyIds.length) return [];
	const rows = await db
		.select({
			id: campaigns.id,
			name: campaigns.name,
			status: campaigns.status,
			recurrence: campaigns.recurrence,
			lastRunAt: campaigns.lastRunAt,
			survey: surveys.name
		})
		.from(campaigns)
		.innerJoin(surveys, eq(surveys.id, campaigns.surveyId))
		.where(
			and(
				inArray(campaigns.surveyId, scope.surveyIds),
				isNotNull(campaigns.lastRunAt),
				scopedCampaigns(scope.limit ?? null),
				scope.from || scope.to ? exists(sentWithin(db, scope)) : undefined
			)
		)
		.orderBy(desc(campaigns.lastRunAt), desc(campaigns.id))
		.limit(limit);
	const funnels = [];
	for (const campaign of rows)
		funnels.push({ ...campaign, funnel: await campaignFunnel(db, campaign.id) });
	return funnels;
}

export type CampaignFunnelRow = Awaited<ReturnType<typeof latestCampaignFunnels>>[number];
