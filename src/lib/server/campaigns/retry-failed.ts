import { fail } from '@sveltejs/kit';
import { confirmedCountSchema } from '../../clients/bulk-confirmation';
import * as m from '../../paraglide/messages';
import type { Actor } from '../audit';
import type { Db } from '../db';
import { askToConfirm, formValues } from '../forms';
import { retryFailedOfCampaign } from '../mail/retry';

/**
 * The "Resend failed" form action of the campaign list and of a campaign's page: queues the
 * campaign's failed emails again, once confirmed for their very number when more than a handful.
 */
export async function retryFailedAction(
	db: Db,
	campaign: { id: number; name: string },
	form: FormData,
	actor: Actor
) {
	// An unusable number reads as none (the schema's `catch`): the question is asked again.
	const { confirmedCount } = confirmedCountSchema.parse(formValues(form));
	const outcome = await retryFailedOfCampaign(db, campaign.id, actor, confirmedCount);
	if ('toConfirm' in outcome)
		return askToConfirm(outcome.toConfirm, form, {
			question: m.campaigns_recipients_confirm_retry({
				count: outcome.toConfirm,
				name: campaign.name
			}),
			yes: m.campaigns_recipients_confirm_retry_yes({ count: outcome.toConfirm })
		});
	if (!outcome.retried) return fail(404, { message: m.campaigns_no_failed() });
	return { success: m.campaigns_requeued({ count: outcome.retried }) };
}
