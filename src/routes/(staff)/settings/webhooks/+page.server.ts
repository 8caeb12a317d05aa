import { fail, type RequestEvent } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { appConfig } from '$lib/server/config';
import { appDb } from '$lib/server/db/app-db';
import { DEFAULT_TIMEOUT_MS } from '$lib/server/webhooks/delivery';
import { webhookIdSchema, webhookInputSchema } from '$lib/server/webhooks/schemas';
import { allowList, webhookTargetRefusal } from '$lib/server/webhooks/target-addresses';
import {
	chatEvents,
	chatServiceNames,
	isChatFormat,
	webhookEventLabels,
	webhookFormatLabels
} from '$lib/webhooks/events';
import { targetRefusalText } from '$lib/webhooks/target-refusal';
import {
	deleteWebhook,
	disableWebhook,
	enableWebhook,
	findWebhook,
	listWebhooks,
	registerWebhook,
	rotateWebhookSecret
} from '$lib/server/webhooks/service';
import * as m from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	return {
		webhooks: await listWebhooks(appDb()),
		eventLabels: webhookEventLabels,
		formatLabels: webhookFormatLabels,
		chatEvents,
		timeoutSeconds: DEFAULT_TIMEOUT_MS / 1000
	};
};

/** The webhook a row button names; a missing or malformed id finds nobody. */
async function submittedWebhookId(event: RequestEvent): Promise<number> {
	const form = webhookIdSchema.safeParse(Object.fromEntries(await event.request.formData()));
	return form.success ? form.data.webhookId : 0;
}

const noSuchWebhook = (action: string) =>
	fail(404, { action, message: m.settings_webhooks_no_such() });

type Field = 'url' | 'format' | 'events';
type FieldErrors = Partial<Record<Field, string>>;

export const actions: Actions = {
	create: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const values = {
			url: String(form.get('url') ?? ''),
			format: String(form.get('format') ?? 'satisfy'),
			events: form.getAll('events').map(String),
			nameClients: form.get('nameClients') === 'on'
		};
		const invalid = (errors: FieldErrors) => fail(400, { action: 'create', errors, values });
		const allowed = allowList(appConfig().webhookAllowedHosts);
		const parsed = webhookInputSchema(allowed).safeParse(values);
		if (!parsed.success) {
			const errors: FieldErrors = {};
			for (const issue of parsed.error.issues) errors[issue.path[0] as Field] ??= issue.message;
			return invalid(errors);
		}
		// Checked again at every delivery, on the address actually connected to.
		const refusal = await webhookTargetRefusal(parsed.data.url, allowed);
		if (refusal) return invalid({ url: targetRefusalText(refusal) });
		const { webhook, secret } = await registerWebhook(appDb(), { userId: user.id }, parsed.data);
		if (isChatFormat(webhook.format)) {
			const service = chatServiceNames[webhook.format];
			return {
				action: 'create',
				success: m.settings_webhooks_chat_added({ url: webhook.url, service })
			};
		}
		return { action: 'create', secret: { url: webhook.url, value: secret, rotated: false } };
	},
	rotate: async (event) => {
		const user = requireUser(event);
		const id = await submittedWebhookId(event);
		const webhook = await findWebhook(appDb(), id);
		if (webhook && isChatFormat(webhook.format))
			return fail(409, {
				action: 'rotate',
				message: m.settings_webhooks_no_secret_to_rotate()
			});
		const url = webhook?.url;
		const secret = url ? await rotateWebhookSecret(appDb(), { userId: user.id }, id) : null;
		if (!url || !secret) return noSuchWebhook('rotate');
		return { action: 'rotate', secret: { url, value: secret, rotated: true } };
	},
	disable: async (event) => {
		const user = requireUser(event);
		if (!(await disableWebhook(appDb(), { userId: user.id }, await submittedWebhookId(event))))
			return noSuchWebhook('disable');
		return {
			action: 'disable',
			success: m.settings_webhooks_disabled_done()
		};
	},
	enable: async (event) => {
		const user = requireUser(event);
		if (!(await enableWebhook(appDb(), { userId: user.id }, await submittedWebhookId(event))))
			return noSuchWebhook('enable');
		return {
			action: 'enable',
			success: m.settings_webhooks_enabled_done()
		};
	},
	delete: async (event) => {
		const user = requireUser(event);
		if (!(await deleteWebhook(appDb(), { userId: user.id }, await submittedWebhookId(event))))
			return noSuchWebhook('delete');
		return { action: 'delete', success: m.settings_webhooks_deleted() };
	}
};
