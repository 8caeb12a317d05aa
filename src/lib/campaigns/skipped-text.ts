import { inviteRefusalText, type InviteRefusal } from '../invitations/refusals';
import * as m from '../paraglide/messages';

/** Why a campaign's run skipped clients: one invitation refused, or the whole run. */
export type CampaignSkip = InviteRefusal | { code: 'surveyClosed' } | { code: 'segmentGone' };

/** A run's skipped clients by reason, as stored, worded when shown. */
export type CampaignSkipped = { reason: CampaignSkip; count: number }[];

function skipText(reason: CampaignSkip): string {
	if (reason.code === 'surveyClosed') return m.campaigns_skipped_survey_closed();
	if (reason.code === 'segmentGone') return m.campaigns_skipped_segment_gone();
	return inviteRefusalText(reason);
}

/**
 * The last run's skipped clients in the reader's words, from the codes or, for runs before them,
 * the sentences they stored.
 */
export function campaignSkippedText(campaign: {
	skippedReasons: CampaignSkipped | null;
	skipped: Record<string, number> | null;
}): { reason: string; count: number }[] {
	if (campaign.skippedReasons)
		return campaign.skippedReasons.map(({ reason, count }) => ({
			reason: skipText(reason),
			count
		}));
	return Object.entries(campaign.skipped ?? {}).map(([reason, count]) => ({ reason, count }));
}
