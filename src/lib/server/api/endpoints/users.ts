import { z } from 'zod';
import { roles } from '../../../roles';
import { defineEndpoint } from '../endpoint';

export const staffUserSchema = z.object({
	id: z.string(),
	email: z.email(),
	name: z.string(),
	role: z.enum(roles),
	status: z.enum(['active', 'invited', 'deactivated']),
	createdAt: z.iso.datetime()
});

/** Managers need the staff list to choose account managers for clients. */
export const listUsers = defineEndpoint({
	method: 'GET',
	path: '/api/v1/users',
	summary: 'Staff users',
	tag: 'Users',
	role: 'manager',
	response: z.object({ users: z.array(staffUserSchema) })
});
