import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { bytea, timestamp } from './columns';

// The PostgreSQL twin of ../schema/branding.ts; schema-pg.test.ts checks they match.

export const branding = pgTable('branding', {
	id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
	name: text('name').notNull(),
	accentColour: text('accent_colour'),
	logo: bytea('logo'),
	logoType: text('logo_type'),
	/** When the logo last changed: its URL's version, so saving other settings keeps it cached. */
	logoUpdatedAt: timestamp('logo_updated_at'),
	senderName: text('sender_name'),
	replyTo: text('reply_to'),
	footer: text('footer'),
	updatedAt: timestamp('updated_at').notNull()
});
