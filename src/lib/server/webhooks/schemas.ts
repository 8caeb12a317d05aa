import { z } from 'zod';
import { lineText } from '../../schemas/text';
import { webhookEvents } from '../db/schema';

export type WebhookEvent = (typeof webhookEvents)[number];

/** What each event means, for the settings screen and the README. */
export const webhookEventLabels: Record<WebhookEvent, string> = {
	'response.completed': 'A respondent completed a survey',
	'followup.created': 'A follow-up case was opened',
	'followup.resolved': 'A follow-up case was resolved',
	'review.imported': 'A review was imported'
};

/**
 * Only http(s): the server must not be talked into reading files or other protocols. Credentials
 * in the address would be shown on screen and in logs; receivers check the signature instead.
 */
export const webhookUrlSchema = lineText({
	error: 'Enter the address that should receive the events'
})
	.trim()
	.min(1, { error: 'Enter the address that should receive the events' })
	.max(2000, { error: 'Use an address of at most 2,000 characters' })
	.superRefine((value, ctx) => {
		let url: URL;
		try {
			url = new URL(value);
		} catch {
			ctx.addIssue({
				code: 'custom',
				message: 'Enter a full address, like https://example.com/hooks/satisfy'
			});
			return;
		}
		if (url.protocol !== 'http:' && url.protocol !== 'https:') {
			ctx.addIssue({
				code: 'custom',
				message: `Only http:// and https:// addresses can receive webhooks, not ${url.protocol}//`
			});
		} else if (url.username || url.password) {
			ctx.addIssue({
				code: 'custom',
				message:
					'Remove the user name and password from the address: receivers check the signature instead'
			});
		}
	});

export const webhookEventsSchema = z
	.array(z.enum(webhookEvents, { error: 'Choose events from the list' }), {
		error: 'Choose at least one event'
	})
	.min(1, { error: 'Choose at least one event' })
	.transform((events) => webhookEvents.filter((event) => events.includes(event)));

export const webhookInputSchema = z.object({ url: webhookUrlSchema, events: webhookEventsSchema });
export type WebhookInput = z.output<typeof webhookInputSchema>;

export const webhookIdSchema = z.object({ webhookId: z.coerce.number().int().positive() });
export const deliveryIdSchema = z.object({ deliveryId: z.coerce.number().int().positive() });
