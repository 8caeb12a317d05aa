import { boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { roles } from '../../../roles';
import { locales } from '../../../paraglide/runtime';
import { signInMethods, twoFactorRequirements } from '../../../sign-in-options';
import { bytea, timestamp } from './columns';

// The PostgreSQL twins of ../schema/auth.ts; schema-pg.test.ts checks they match.

const secretHash = () => bytea('secret_hash').notNull();

export const users = pgTable('users', {
	id: text('id').primaryKey(),
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	role: text('role', { enum: roles }).notNull(),
	contactDataGranted: boolean('contact_data_granted').notNull().default(false),
	language: text('language', { enum: locales }),
	passwordHash: text('password_hash'),
	deactivatedAt: timestamp('deactivated_at'),
	createdAt: timestamp('created_at').notNull()
});

export const sessions = pgTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		secretHash: secretHash(),
		createdAt: timestamp('created_at').notNull(),
		lastVerifiedAt: timestamp('last_verified_at').notNull(),
		method: text('method', { enum: signInMethods }).notNull().default('password')
	},
	(table) => [index('sessions_user_idx').on(table.userId)]
);

export const passwordLinks = pgTable(
	'password_links',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		purpose: text('purpose', { enum: ['invite', 'reset'] }).notNull(),
		secretHash: secretHash(),
		createdAt: timestamp('created_at').notNull(),
		expiresAt: timestamp('expires_at').notNull(),
		usedAt: timestamp('used_at')
	},
	(table) => [index('password_links_user_idx').on(table.userId)]
);

export const apiKeys = pgTable('api_keys', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	role: text('role', { enum: roles }).notNull(),
	secretHash: secretHash(),
	createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at').notNull(),
	lastUsedAt: timestamp('last_used_at'),
	revokedAt: timestamp('revoked_at')
});

export const apiRateWindows = pgTable('api_rate_windows', {
	keyId: text('key_id').primaryKey(),
	startedAt: timestamp('started_at').notNull(),
	requests: integer('requests').notNull()
});

export const loginFailures = pgTable(
	'login_failures',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		email: text('email').notNull(),
		ip: text('ip').notNull(),
		failedAt: timestamp('failed_at').notNull()
	},
	(table) => [
		index('login_failures_email_idx').on(table.email, table.failedAt),
		index('login_failures_ip_idx').on(table.ip, table.failedAt)
	]
);

export const totpCredentials = pgTable('totp_credentials', {
	userId: text('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	secret: bytea('secret').notNull(),
	confirmedAt: timestamp('confirmed_at'),
	lastUsedStep: integer('last_used_step'),
	createdAt: timestamp('created_at').notNull()
});

export const recoveryCodes = pgTable(
	'recovery_codes',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		codeHash: bytea('code_hash').notNull(),
		usedAt: timestamp('used_at')
	},
	(table) => [index('recovery_codes_user_idx').on(table.userId)]
);

export const signInChallenges = pgTable('sign_in_challenges', {
	id: text('id').primaryKey(),
	userId: text('user_id')
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	secretHash: secretHash(),
	redirectTo: text('redirect_to').notNull(),
	expiresAt: timestamp('expires_at').notNull()
});

export const ssoLogins = pgTable('sso_logins', {
	state: text('state').primaryKey(),
	codeVerifier: text('code_verifier').notNull(),
	nonce: text('nonce').notNull(),
	redirectTo: text('redirect_to').notNull(),
	expiresAt: timestamp('expires_at').notNull()
});

export const signInSettings = pgTable('sign_in_settings', {
	id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
	twoFactorRequiredFor: text('two_factor_required_for', { enum: twoFactorRequirements })
		.notNull()
		.default('nobody'),
	ssoEnabled: boolean('sso_enabled').notNull().default(false),
	ssoLabel: text('sso_label'),
	ssoIssuer: text('sso_issuer'),
	ssoClientId: text('sso_client_id'),
	ssoClientSecret: text('sso_client_secret'),
	ssoNewUserRole: text('sso_new_user_role', { enum: roles }),
	ssoGroupsClaim: text('sso_groups_claim'),
	ssoOwnerGroup: text('sso_owner_group'),
	ssoManagerGroup: text('sso_manager_group'),
	ssoViewerGroup: text('sso_viewer_group'),
	passwordSignIn: boolean('password_sign_in').notNull().default(true),
	breakGlassUserId: text('break_glass_user_id').references(() => users.id, {
		onDelete: 'set null'
	}),
	updatedAt: timestamp('updated_at').notNull()
});
