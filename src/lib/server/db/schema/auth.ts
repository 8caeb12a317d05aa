import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { roles } from '../../../roles';
import { locales } from '../../../paraglide/runtime';
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
		lastVerifiedAt: timestamp('last_verified_at').notNull()
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

export type User = typeof users.$inferSelect;

export type ApiKey = typeof apiKeys.$inferSelect;
