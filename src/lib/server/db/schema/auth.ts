import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { roles } from '../../../roles';
import { locales } from '../../../paraglide/runtime';
import { signInMethods, twoFactorRequirements } from '../../../sign-in-options';
import { timestamp } from './columns';

const secretHash = () => blob('secret_hash', { mode: 'buffer' }).notNull();

export const users = sqliteTable('users', {
	id: text('id').primaryKey(),
	/** Always stored lower-case, so uniqueness is case-insensitive. */
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	role: text('role', { enum: roles }).notNull(),
	/** An owner let this viewer see client emails and phones (managers and owners always do). */
	contactDataGranted: integer('contact_data_granted', { mode: 'boolean' }).notNull().default(false),
	/** The language of the user's pages and emails: the browser's at first sign-in, then their choice. */
	language: text('language', { enum: locales }),
	/** Null until an invited user has chosen a password. */
	passwordHash: text('password_hash'),
	deactivatedAt: timestamp('deactivated_at'),
	createdAt: timestamp('created_at').notNull()
});

export const sessions = sqliteTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		secretHash: secretHash(),
		createdAt: timestamp('created_at').notNull(),
		lastVerifiedAt: timestamp('last_verified_at').notNull(),
		/**
		 * How the user proved who they are: a required second factor is asked of password sign-ins
		 * only, as the company's identity provider enforces its own.
		 */
		method: text('method', { enum: signInMethods }).notNull().default('password')
	},
	(table) => [index('sessions_user_idx').on(table.userId)]
);

/** One-time links that let a user choose a password: invitations and password resets. */
export const passwordLinks = sqliteTable(
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

export const apiKeys = sqliteTable('api_keys', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	role: text('role', { enum: roles }).notNull(),
	secretHash: secretHash(),
	createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at').notNull(),
	lastUsedAt: timestamp('last_used_at'),
	revokedAt: timestamp('revoked_at')
});

/**
 * Each API key's current rate-limit window (api/rate-limit.ts): in the database, so every app node
 * counts against the same limit. One row per key that made a request, reused when its window ends.
 */
export const apiRateWindows = sqliteTable('api_rate_windows', {
	keyId: text('key_id').primaryKey(),
	startedAt: timestamp('started_at').notNull(),
	requests: integer('requests').notNull()
});

/** Failed sign-ins, kept in the database so throttling survives a restart. */
export const loginFailures = sqliteTable(
	'login_failures',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		email: text('email').notNull(),
		ip: text('ip').notNull(),
		failedAt: timestamp('failed_at').notNull()
	},
	(table) => [
		index('login_failures_email_idx').on(table.email, table.failedAt),
		index('login_failures_ip_idx').on(table.ip, table.failedAt)
	]
);

/**
 * A user's authenticator app (TOTP, RFC 6238). The secret must be readable to check codes, so it
 * cannot be hashed; it stays pending (no `confirmedAt`) until a first code proves the app has it.
 */
export const totpCredentials = sqliteTable('totp_credentials', {
	userId: text('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	secret: blob('secret', { mode: 'buffer' }).notNull(),
	confirmedAt: timestamp('confirmed_at'),
	/** The time step of the last code accepted: a code, or an older one, never works twice. */
	lastUsedStep: integer('last_used_step'),
	createdAt: timestamp('created_at').notNull()
});

/** One-time codes for when the authenticator is lost, stored hashed like every secret. */
export const recoveryCodes = sqliteTable(
	'recovery_codes',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		codeHash: blob('code_hash', { mode: 'buffer' }).notNull(),
		usedAt: timestamp('used_at')
	},
	(table) => [index('recovery_codes_user_idx').on(table.userId)]
);

/** A password was right and a second factor is still to come: the browser holds its token. */
export const signInChallenges = sqliteTable('sign_in_challenges', {
	id: text('id').primaryKey(),
	userId: text('user_id')
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	secretHash: secretHash(),
	/** Where to go once signed in. */
	redirectTo: text('redirect_to').notNull(),
	expiresAt: timestamp('expires_at').notNull()
});

/**
 * A sign-in through the identity provider under way, found by its `state` (which the browser's
 * cookie must repeat): the PKCE verifier and nonce the callback needs, usable once.
 */
export const ssoLogins = sqliteTable('sso_logins', {
	state: text('state').primaryKey(),
	codeVerifier: text('code_verifier').notNull(),
	nonce: text('nonce').notNull(),
	redirectTo: text('redirect_to').notNull(),
	expiresAt: timestamp('expires_at').notNull()
});

/** How staff sign in: a single row with id 1; without it, by password alone. */
export const signInSettings = sqliteTable('sign_in_settings', {
	id: integer('id').primaryKey(),
	twoFactorRequiredFor: text('two_factor_required_for', { enum: twoFactorRequirements })
		.notNull()
		.default('nobody'),
	ssoEnabled: integer('sso_enabled', { mode: 'boolean' }).notNull().default(false),
	/** The button's "Sign in with …" name, the company's. */
	ssoLabel: text('sso_label'),
	ssoIssuer: text('sso_issuer'),
	ssoClientId: text('sso_client_id'),
	/** Needed in clear to call the provider; never shown back. */
	ssoClientSecret: text('sso_client_secret'),
	/** The role of an account made at a first sign-in; null makes none (unknown emails are refused). */
	ssoNewUserRole: text('sso_new_user_role', { enum: roles }),
	/** The ID-token claim listing the user's groups; null leaves roles to the Users page. */
	ssoGroupsClaim: text('sso_groups_claim'),
	ssoOwnerGroup: text('sso_owner_group'),
	ssoManagerGroup: text('sso_manager_group'),
	ssoViewerGroup: text('sso_viewer_group'),
	/** Off: only the break-glass owner may still sign in with a password. */
	passwordSignIn: integer('password_sign_in', { mode: 'boolean' }).notNull().default(true),
	breakGlassUserId: text('break_glass_user_id').references(() => users.id, {
		onDelete: 'set null'
	}),
	updatedAt: timestamp('updated_at').notNull()
});

export type User = typeof users.$inferSelect;

export type ApiKey = typeof apiKeys.$inferSelect;
