import { error, fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db/app-db';
import { pageId } from '$lib/server/route-params';
import { asFormFailure } from '$lib/server/refusals';
import { deliveryIdSchema } from '$lib/server/webhooks/schemas';
import { findWebhook, resendDelivery, webhookDeliveryLog } from '$lib/server/webhooks/service';
import { webhookFormatLabels } from '$lib/webhooks/events';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const id = pageId(event.params.id, 'No such webhook.');
	const webhook = await findWebhook(appDb(), id);
	if (!webhook) error(404, 'No such webhook.');
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
		const webhookId = pageId(event.params.id, 'No such webhook.');
		const form = deliveryIdSchema.safeParse(Object.fromEntries(await event.request.formData()));
		if (!form.success) return fail(404, { message: 'No such delivery for this webhook.' });
		const result = await resendDelivery(
			appDb(),
			{ userId: user.id },
			{ webhookId, deliveryId: form.data.deliveryId }
		);
		if (!result.ok) return asFormFailure(result);
		return {
			success: 'Queued to be sent again with the same event id; it appears at the top of the log.'
		};
	}
};
