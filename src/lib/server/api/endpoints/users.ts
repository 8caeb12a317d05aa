import { z } from 'zod';
import { roles } from '../../../roles';
import { inviteSchema } from '../../../schemas/users';
import { defineEndpoint } from '../endpoint';

export const staffUserSchema = z.object({
	id: z.string(),
	email: z.email(),
	name: z.string(),
	role: z.enum(roles),
	status: z.enum(['active', 'invited', 'deactivated']),
	twoFactor: z
		.boolean()
		.describe('Signs in with a second factor: a code from an authenticator app after the password'),
	createdAt: z.iso.datetime()
});

/** Staff names and email addresses are the owner's to hand out, like the users page. */
export const listUsers = defineEndpoint({
	method: 'GET',
	path: '/api/v1/users',
	summary: 'Staff users',
	tag: 'Users',
	role: 'owner',
	response: z.object({ users: z.array(staffUserSchema) })
});

/** Provisioning from another system (an HR tool, say): the invitation link is returned once. */
export const inviteUser = defineEndpoint({
	method: 'POST',
	path: '/api/v1/users',
	summary: 'Invite a staff user; returns their one-time link to choose a password (valid 7 days)',
	tag: 'Users',
	role: 'owner',
	body: inviteSchema,
	successStatus: 201,
	errors: [409],
	response: z.object({ user: staffUserSchema, invitationLink: z.url() })
});
