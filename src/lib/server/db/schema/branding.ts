import { blob, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';

/**
 * How the company presents itself to its clients, on every respondent page and email: a single
 * row with id 1; without it, pages and emails speak as "Satisfy" with the default colour.
 */
export const branding = sqliteTable('branding', {
	id: integer('id').primaryKey(),
	/** The company's name as clients know it: page headers, the invitation's first line, the sender. */
	name: text('name').notNull(),
	/** `#rrggbb`; null keeps the default accent. */
	accentColour: text('accent_colour'),
	/** A PNG, JPEG or WebP image (never SVG: it could carry script), with its media type. */
	logo: blob('logo', { mode: 'buffer' }),
	logoType: text('logo_type'),
	/** When the logo last changed: its URL's version, so saving other settings keeps it cached. */
	logoUpdatedAt: timestamp('logo_updated_at'),
	/** The display name of invitation emails' sender; the address stays MAIL_FROM's. */
	senderName: text('sender_name'),
	replyTo: text('reply_to'),
	/** The company's address and whatever else a footer must say, as plain lines. */
	footer: text('footer'),
	updatedAt: timestamp('updated_at').notNull()
});
