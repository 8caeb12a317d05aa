import { z } from 'zod';
import { lineText } from './text';
import { roles } from '../roles';

// Shared by the forms, the API and the admin CLI so every door applies the same rules.
export const MIN_PASSWORD_LENGTH = 12;

export const emailSchema = lineText()
	.trim()
	.toLowerCase()
	.pipe(z.email({ error: 'Enter a valid email address, like name@example.com' }));

export const nameSchema = lineText()
	.trim()
	.min(1, { error: 'Enter a name' })
	.max(100, { error: 'Use at most 100 characters' });

export const newPasswordSchema = lineText()
	.min(MIN_PASSWORD_LENGTH, { error: `Use at least ${MIN_PASSWORD_LENGTH} characters` })
	.max(256, { error: 'Use at most 256 characters' });

export const roleSchema = z.enum(roles, { error: 'Choose owner, manager or viewer' });

export const setupSchema = z.object({
	email: emailSchema,
	name: nameSchema,
	password: newPasswordSchema
});

export const loginSchema = z.object({
	email: emailSchema,
	password: z.string().min(1, { error: 'Enter your password' }).max(256)
});

export const inviteSchema = z.object({ email: emailSchema, name: nameSchema, role: roleSchema });

export const choosePasswordSchema = z
	.object({ password: newPasswordSchema, confirm: z.string() })
	.refine((v) => v.password === v.confirm, {
		error: 'The passwords do not match',
		path: ['confirm']
	});

export const changePasswordSchema = z
	.object({
		current: z.string().min(1, { error: 'Enter your current password' }),
		password: newPasswordSchema,
		confirm: z.string()
	})
	.refine((v) => v.password === v.confirm, {
		error: 'The passwords do not match',
		path: ['confirm']
	});

export const userIdSchema = z.object({ userId: lineText().min(1).max(64) });

export const changeRoleSchema = userIdSchema.extend({ role: roleSchema });

export const contactDataSchema = userIdSchema.extend({
	granted: z.stringbool({ error: 'Say whether to grant (true) or withdraw (false)' })
});

/** An empty segment lifts the limit: the user sees every client again. */
export const userScopeSchema = userIdSchema.extend({
	segmentId: z.union([
		z.literal('').transform(() => null),
		z.coerce.number({ error: 'Choose a segment' }).int().positive({ error: 'Choose a segment' })
	])
});

export const apiKeyCreateSchema = z.object({
	name: lineText().trim().min(1, { error: 'Name the key after what uses it' }).max(100),
	role: roleSchema
});

export const apiKeyIdSchema = z.object({ apiKeyId: lineText().min(1).max(64) });
