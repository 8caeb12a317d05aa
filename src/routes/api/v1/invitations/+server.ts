import { apiRoute } from '$lib/server/api/endpoint';
import { createInvitation } from '$lib/server/api/endpoints/invitations';
import { appConfig } from '$lib/server/config';
import { appDb } from '$lib/server/db/app-db';
import { inTransaction } from '$lib/server/db/transaction';
import { inviteClient } from '$lib/server/invitations/service';
import { publicUrl } from '$lib/server/links';
import { enqueueInvitationEmail } from '$lib/server/mail/queue';
import { asApiError } from '$lib/server/refusals';
import { DAY_MS } from '$lib/dates';

export const POST = apiRoute(createInvitation, async ({ body, event }) => {
	const sendAt = body.sendAt ? new Date(body.sendAt) : new Date();
	const invited = await inviteClient(appDb(), {
		surveyId: body.surveyId,
		client: body.client,
		channel: body.delivery === 'email' ? 'email' : 'api',
		sendAt,
		expiresAt: new Date(sendAt.getTime() + body.expiresInDays * DAY_MS),
		fatigueDays: appConfig().surveyFatigueDays
	});
	if (!invited.ok) throw asApiError(invited);
	if (body.delivery === 'email') {
		await inTransaction(appDb(), async (tx) => {
			await enqueueInvitationEmail(tx, {
				id: invited.invitationId,
				toAddress: invited.clientEmail,
				sendAt
			});
		});
	}
	return {
		id: invited.invitationId,
		delivery: body.delivery,
		link: body.delivery === 'link' ? publicUrl(`/s/${invited.token}`, event.url) : null,
		sendAt: invited.sendAt.toISOString(),
		expiresAt: invited.expiresAt.toISOString()
	};
});
