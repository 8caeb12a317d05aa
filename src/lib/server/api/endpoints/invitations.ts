import { z } from 'zod';
import { defineEndpoint } from '../endpoint';

export const createInvitationBodySchema = z.object({
	client: z.union([z.object({ id: z.number().int().positive() }), z.object({ email: z.email() })]),
	surveyId: z.number().int().positive(),
	/** Deliver later, e.g. three days after a service visit. */
	sendAt: z.iso.datetime({ offset: true }).optional(),
	expiresInDays: z.number().int().min(1).max(365).default(30)
});

export const createInvitation = defineEndpoint({
	method: 'POST',
	path: '/api/v1/invitations',
	summary:
		'Invite one client to an open survey and get the personal link, once, to deliver yourself. 409 says why a client is skipped: unsubscribed, no consent, or invited within the survey-fatigue period (SURVEY_FATIGUE_DAYS, 30 by default).',
	tag: 'Invitations',
	role: 'manager',
	body: createInvitationBodySchema,
	successStatus: 201,
	errors: [404, 409],
	response: z.object({ id: z.number().int(), link: z.url(), sendAt: z.iso.datetime(), expiresAt: z.iso.datetime() })
});
