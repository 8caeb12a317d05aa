import { fail, type RequestEvent } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { appConfig } from '$lib/server/config';
import { appDb } from '$lib/server/db/app-db';
import { DEFAULT_TIMEOUT_MS } from '$lib/server/webhooks/delivery';
import {
	webhookEventLabels,
	webhookIdSchema,
	webhookInputSchema
} from '$lib/server/webhooks/schemas';
import { allowList, webhookTargetRefusal } from '$lib/server/webhooks/target-addresses';
import {
	deleteWebhook,
	disableWebhook,
	enableWebhook,
	findWebhook,
	listWebhooks,
	registerWebhook,
	rotateWebhookSecret
} from '$lib/server/webhooks/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	return {
		webhooks: listWebhooks(appDb()),
		eventLabels: webhookEventLabels,
		timeoutSeconds: DEFAULT_TIMEOUT_MS / 1000
	};
};

/** The webhook a row button names; a missing or malformed id finds nobody. */
async function submittedWebhookId(event: RequestEvent): Promise<number> {
	const form = webhookIdSchema.safeParse(Object.fromEntries(await event.request.formData()));
	return form.success ? form.data.webhookId : 0;
}

const noSuchWebhook = (action: string) => fail(404, { action, message: 'No such webhook.' });

type FieldErrors = Partial<Record<'url' | 'events', string>>;

export const actions: Actions = {
	create: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const values = {
			url: String(form.get('url') ?? ''),
			events: form.getAll('events').map(String)
		};
		const invalid = (errors: FieldErrors) => fail(400, { action: 'create', errors, values });
		const parsed = webhookInputSchema.safeParse(values);
		if (!parsed.success) {
			const errors: FieldErrors = {};
			for (const issue of parsed.error.issues)
				errors[issue.path[0] as 'url' | 'events'] ??= issue.message;
			return invalid(errors);
		}
		// Checked again at every delivery, on the address actually connected to.
		const refusal = await webhookTargetRefusal(
			parsed.data.url,
			allowList(appConfig().webhookAllowedHosts)
		);
		if (refusal) return invalid({ url: refusal });
		const { webhook, secret } = registerWebhook(appDb(), { userId: user.id }, parsed.data);
		return { action: 'create', secret: { url: webhook.url, value: secret, rotated: false } };
	},
	rotate: async (event) => {
		const user = requireUser(event);
		const id = await submittedWebhookId(event);
		const url = findWebhook(appDb(), id)?.url;
		const secret = url ? rotateWebhookSecret(appDb(), { userId: user.id }, id) : null;
		if (!url || !secret) return noSuchWebhook('rotate');
		return { action: 'rotate', secret: { url, value: secret, rotated: true } };
	},
	disable: async (event) => {
		const user = requireUser(event);
		if (!disableWebhook(appDb(), { userId: user.id }, await submittedWebhookId(event)))
			return noSuchWebhook('disable');
		return {
			action: 'disable',
			success:
				'The webhook is disabled: nothing more is sent to it, and deliveries still waiting are marked failed.'
		};
	},
	enable: async (event) => {
		const user = requireUser(event);
		if (!enableWebhook(appDb(), { userId: user.id }, await submittedWebhookId(event)))
			return noSuchWebhook('enable');
		return {
			action: 'enable',
			success: 'The webhook is enabled: new events are sent to it again.'
		};
	},
	delete: async (event) => {
		const user = requireUser(event);
		if (!deleteWebhook(appDb(), { userId: user.id }, await submittedWebhookId(event)))
			return noSuchWebhook('delete');
		return { action: 'delete', success: 'The webhook and its delivery log are deleted.' };
	}
};
