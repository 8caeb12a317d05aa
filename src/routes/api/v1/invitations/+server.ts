import { ApiError } from '$lib/server/api/errors';
import { apiRoute } from '$lib/server/api/endpoint';
import { createInvitation } from '$lib/server/api/endpoints/invitations';
import { appConfig } from '$lib/server/config';
import { appDb } from '$lib/server/db/app-db';
import { inviteClient } from '$lib/server/invitations/service';
import { publicUrl } from '$lib/server/links';

const DAY_MS = 24 * 60 * 60 * 1000;

export const POST = apiRoute(createInvitation, ({ body, event }) => {
	const sendAt = body.sendAt ? new Date(body.sendAt) : new Date();
	const invited = inviteClient(appDb(), {
		surveyId: body.surveyId,
		client: body.client,
		channel: 'api',
		sendAt,
		expiresAt: new Date(sendAt.getTime() + body.expiresInDays * DAY_MS),
		fatigueDays: appConfig().surveyFatigueDays
	});
	if (!invited.ok) throw new ApiError(invited.status, invited.reason);
	return {
		id: invited.invitationId,
		link: publicUrl(`/s/${invited.token}`, event.url),
		sendAt: invited.sendAt.toISOString(),
		expiresAt: invited.expiresAt.toISOString()
	};
});
