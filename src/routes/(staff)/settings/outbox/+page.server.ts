import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { recordId } from '$lib/schemas/ids';
import { requireUser } from '$lib/server/auth/guards';
import { mayPost } from '$lib/server/auth/visibility';
import { appConfig } from '$lib/server/config';
import { appDb } from '$lib/server/db/app-db';
import { parseForm } from '$lib/server/forms';
import { recentOutbox } from '$lib/server/mail/delivery';
import { retryFailedMessage } from '$lib/server/mail/retry';
import * as m from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const { smtpUrl, outboxShowsLinks } = appConfig();
	// Show where mail goes, never the credentials in the URL.
	const server = smtpUrl ? new URL(smtpUrl).host : null;
	return {
		server,
		showsLinks: outboxShowsLinks,
		mayRetry: mayPost('/(staff)/settings/outbox', 'retry', user.role),
		messages: await recentOutbox(appDb(), { limit: 200, showLinks: outboxShowsLinks })
	};
};

const retrySchema = z.object({ messageId: recordId(() => m.validation_lost_email()) });

export const actions: Actions = {
	retry: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(retrySchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { message: parsed.errors.messageId });
		if (!(await retryFailedMessage(appDb(), parsed.data.messageId, { userId: user.id })))
			return fail(404, { message: m.settings_outbox_retry_refused() });
		return { success: m.settings_outbox_requeued() };
	}
};
