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
import * as m from '../../paraglide/messages';
import { getLocale } from '../../paraglide/runtime';

/**
 * Only http(s): the server must not be talked into reading files or other protocols. Credentials
 * in the address would be shown on screen and in logs; receivers check the signature instead.
 */
export const webhookUrlSchema = lineText({ error: () => m.schema_webhooks_url_required() })
	.trim()
	.min(1, { error: () => m.schema_webhooks_url_required() })
	.max(2000, { error: () => m.schema_webhooks_url_too_long() })
	.superRefine((value, ctx) => {
		let url: URL;
		try {
			url = new URL(value);
		} catch {
			ctx.addIssue({
				code: 'custom',
				message: m.schema_webhooks_url_invalid()
			});
			return;
		}
		if (url.protocol !== 'http:' && url.protocol !== 'https:') {
			ctx.addIssue({
				code: 'custom',
				message: m.schema_webhooks_url_protocol({ protocol: url.protocol })
			});
		} else if (url.username || url.password) {
			ctx.addIssue({
				code: 'custom',
				message: m.schema_webhooks_url_credentials()
			});
		}
	});

export const webhookEventsSchema = z
	.array(z.enum(webhookEvents, { error: () => m.schema_webhooks_choose_events() }), {
		error: () => m.schema_webhooks_event_required()
	})
	.min(1, { error: () => m.schema_webhooks_event_required() })
	.transform((events) => webhookEvents.filter((event) => events.includes(event)));

/** A label that starts a sentence, worded to follow other words: only its first letter is lowered. */
const inSentence = (label: string) =>
	label.charAt(0).toLocaleLowerCase(getLocale()) + label.slice(1);

/**
 * A new webhook. A chat format needs the chat service's address (or an allow-listed host: hence
 * `allowed`, WEBHOOK_ALLOWED_HOSTS), takes the follow-up events only (a message is written for
 * those) and names clients only when asked to. The network check comes after, on the resolved address.
 */
export const webhookInputSchema = (allowed: AllowList) =>
	z
		.object({
			url: webhookUrlSchema,
			format: z
				.enum(webhookFormats, { error: () => m.schema_webhooks_choose_format() })
				.default('satisfy'),
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
					message: m.schema_webhooks_chat_events({
						events: unsupported
							.map((event) => `${event} (${inSentence(webhookEventLabels[event])})`)
							.join(', ')
					})
				});
		})
		.transform((input) => ({
			...input,
			nameClients: isChatFormat(input.format) && input.nameClients
		}));
export type WebhookInput = z.output<ReturnType<typeof webhookInputSchema>>;

export const webhookIdSchema = z.object({ webhookId: z.coerce.number().int().positive() });
export const deliveryIdSchema = z.object({ deliveryId: z.coerce.number().int().positive() });
