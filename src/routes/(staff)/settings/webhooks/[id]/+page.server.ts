import { error, fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db/app-db';
import { pageId } from '$lib/server/route-params';
import { asFormFailure } from '$lib/server/refusals';
import { deliveryIdSchema } from '$lib/server/webhooks/schemas';
import { findWebhook, resendDelivery, webhookDeliveryLog } from '$lib/server/webhooks/service';
import { webhookFormatLabels } from '$lib/webhooks/events';
import * as m from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const id = pageId(event.params.id, m.settings_webhooks_no_such());
	const webhook = await findWebhook(appDb(), id);
	if (!webhook) error(404, m.settings_webhooks_no_such());
	const page = Number.parseInt(event.url.searchParams.get('page') ?? '1', 10);
	return {
		webhook,
		formatLabels: webhookFormatLabels,
		log: await webhookDeliveryLog(appDb(), id, Number.isFinite(page) ? page : 1)
	};
};

export const actions: Actions = {
	resend: async (event) => {
		const user = requireUser(event);
		const webhookId = pageId(event.params.id, m.settings_webhooks_no_such());
		const form = deliveryIdSchema.safeParse(Object.fromEntries(await event.request.formData()));
		if (!form.success) return fail(404, { message: m.settings_webhook_no_such_delivery() });
		const result = await resendDelivery(
			appDb(),
			{ userId: user.id },
			{ webhookId, deliveryId: form.data.deliveryId }
		);
		if (!result.ok) return asFormFailure(result);
		return { success: m.settings_webhook_resend_queued() };
	}
};
