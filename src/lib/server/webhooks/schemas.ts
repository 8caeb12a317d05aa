import { z } from 'zod';
import { lineText } from '../../schemas/text';
import {
	chatEvents,
	isChatFormat,
	webhookEventLabels,
	webhookEvents,
	webhookFormats
} from '../../webhooks/events';
import { chatTargetRefusal } from './chat-targets';
import type { AllowList } from './target-addresses';

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

/**
 * A new webhook. A chat format needs the chat service's address (or an allow-listed host: hence
 * `allowed`, WEBHOOK_ALLOWED_HOSTS), takes the follow-up events only (a message is written for
 * those) and names clients only when asked to. The network check comes after, on the resolved address.
 */
export const webhookInputSchema = (allowed: AllowList) =>
	z
		.object({
			url: webhookUrlSchema,
			format: z.enum(webhookFormats, { error: 'Choose a format from the list' }).default('satisfy'),
			events: webhookEventsSchema,
			nameClients: z.boolean().default(false)
		})
		.superRefine((input, ctx) => {
			if (!isChatFormat(input.format)) return;
			const refusal = chatTargetRefusal(input.format, input.url, allowed);
			if (refusal) ctx.addIssue({ code: 'custom', path: ['url'], message: refusal });
			const unsupported = input.events.filter((event) => !chatEvents.includes(event));
			if (unsupported.length)
				ctx.addIssue({
					code: 'custom',
					path: ['events'],
					message: `Slack and Teams receive follow-up cases and the overdue digest only: uncheck ${unsupported
						.map((event) => `${event} (${webhookEventLabels[event].toLowerCase()})`)
						.join(', ')}`
				});
		})
		.transform((input) => ({
			...input,
			nameClients: isChatFormat(input.format) && input.nameClients
		}));
export type WebhookInput = z.output<ReturnType<typeof webhookInputSchema>>;

export const webhookIdSchema = z.object({ webhookId: z.coerce.number().int().positive() });
export const deliveryIdSchema = z.object({ deliveryId: z.coerce.number().int().positive() });
