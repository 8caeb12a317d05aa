import { eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { branding } from '../db/schema';
import { preparedQuery } from '../db/prepared';

export const BRANDING_ID = 1;

/** What respondents see of the company, without the logo's bytes. */
export type Branding = {
	/** The company's name; "Satisfy" until the owner sets one. */
	name: string;
	accentColour: string | null;
	/** When the logo last changed (its URL carries it, so caches refresh), or null without a logo. */
	logoVersion: number | null;
	senderName: string | null;
	replyTo: string | null;
	footer: string | null;
};

export const DEFAULT_BRANDING: Branding = {
	name: 'Satisfy',
	accentColour: null,
	logoVersion: null,
	senderName: null,
	replyTo: null,
	footer: null
};

// Read on every respondent page and email: a statement prepared once per connection.
const storedBranding = preparedQuery('stored_branding', (db) =>
	db
		.select({
			name: branding.name,
			accentColour: branding.accentColour,
			logoType: branding.logoType,
			senderName: branding.senderName,
			replyTo: branding.replyTo,
			footer: branding.footer,
			updatedAt: branding.updatedAt
		})
		.from(branding)
		.where(eq(branding.id, BRANDING_ID))
);

export async function currentBranding(db: Queryable): Promise<Branding> {
	const [row] = await storedBranding.all(db);
	if (!row) return DEFAULT_BRANDING;
	return {
		name: row.name,
		accentColour: row.accentColour,
		logoVersion: row.logoType ? row.updatedAt.getTime() : null,
		senderName: row.senderName,
		replyTo: row.replyTo,
		footer: row.footer
	};
}
