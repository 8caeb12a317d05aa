import { z } from 'zod';
import { lineText } from './text';
import { roles } from '../roles';
import * as m from '../paraglide/messages';

// Shared by the forms, the API and the admin CLI so every door applies the same rules.
export const MIN_PASSWORD_LENGTH = 12;

export const emailSchema = lineText()
	.trim()
	.toLowerCase()
	.pipe(z.email({ error: () => m.schema_users_invalid_email() }));

export const nameSchema = lineText()
	.trim()
	.min(1, { error: () => m.validation_enter_name() })
	.max(100, { error: () => m.validation_max_characters({ max: 100 }) });

export const newPasswordSchema = lineText()
	.min(MIN_PASSWORD_LENGTH, {
		error: () => m.validation_min_characters({ min: MIN_PASSWORD_LENGTH })
	})
	.max(256, { error: () => m.validation_max_characters({ max: 256 }) });

export const roleSchema = z.enum(roles, { error: () => m.schema_users_choose_role() });

export const setupSchema = z.object({
	email: emailSchema,
	name: nameSchema,
	password: newPasswordSchema
});

export const loginSchema = z.object({
	email: emailSchema,
	password: z
		.string()
		.min(1, { error: () => m.schema_users_enter_password() })
		.max(256)
});

export const inviteSchema = z.object({ email: emailSchema, name: nameSchema, role: roleSchema });

export const choosePasswordSchema = z
	.object({ password: newPasswordSchema, confirm: z.string() })
	.refine((v) => v.password === v.confirm, {
		error: () => m.validation_passwords_differ(),
		path: ['confirm']
	});

export const changePasswordSchema = z
	.object({
		current: z.string().min(1, { error: () => m.schema_users_enter_current_password() }),
		password: newPasswordSchema,
		confirm: z.string()
	})
	.refine((v) => v.password === v.confirm, {
		error: () => m.validation_passwords_differ(),
		path: ['confirm']
	});

export const userIdSchema = z.object({ userId: lineText().min(1).max(64) });

export const changeRoleSchema = userIdSchema.extend({ role: roleSchema });

export const contactDataSchema = userIdSchema.extend({
	granted: z.stringbool({ error: () => m.schema_users_grant_contact_data() })
});

/** An empty segment lifts the limit: the user sees every client again. */
export const userScopeSchema = userIdSchema.extend({
	segmentId: z.union([
		z.literal('').transform(() => null),
		z.coerce
			.number({ error: () => m.validation_choose_segment() })
			.int()
			.positive({ error: () => m.validation_choose_segment() })
	])
});

export const apiKeyCreateSchema = z.object({
	name: lineText()
		.trim()
		.min(1, { error: () => m.schema_users_name_key() })
		.max(100),
	role: roleSchema
});

export const apiKeyIdSchema = z.object({ apiKeyId: lineText().min(1).max(64) });
