import { boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { roles } from '../../../roles';
import { locales } from '../../../paraglide/runtime';
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
		lastVerifiedAt: timestamp('last_verified_at').notNull()
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
