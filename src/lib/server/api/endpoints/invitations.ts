import { z } from 'zod';
import { defineEndpoint } from '../endpoint';

export const createInvitationBodySchema = z.object({
	client: z.union([z.object({ id: z.number().int().positive() }), z.object({ email: z.email() })]),
	surveyId: z.number().int().positive(),
	/** Deliver later, e.g. three days after a service visit. */
	sendAt: z.iso.datetime({ offset: true }).optional(),
	expiresInDays: z.number().int().min(1).max(365).default(30),
	/** `link`: the link comes back in the answer, to deliver yourself. `email`: Satisfy emails it at `sendAt`. */
	delivery: z.enum(['link', 'email']).default('link')
});

export const createInvitation = defineEndpoint({
	method: 'POST',
	path: '/api/v1/invitations',
	summary:
		'Invite one client to an open survey: get the personal link once, to deliver yourself (`delivery: "link"`), or have Satisfy email it at `sendAt` (`delivery: "email"`; the link is then minted when the email goes out). 409 says why a client is skipped: unsubscribed, no consent, or invited within the survey-fatigue period (SURVEY_FATIGUE_DAYS, 30 by default).',
	tag: 'Invitations',
	role: 'manager',
	body: createInvitationBodySchema,
	successStatus: 201,
	errors: [404, 409],
	response: z.object({
		id: z.number().int(),
		delivery: z.enum(['link', 'email']),
		link: z.url().nullable().describe('Only for link delivery'),
		sendAt: z.iso.datetime(),
		expiresAt: z.iso.datetime()
	})
});
