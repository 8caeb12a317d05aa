import { eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { first } from '../db/queries';
import { branding } from '../db/schema';
import { preparedQuery } from '../db/prepared';
import type { Branding } from '../../branding/branding';
import type { LogoType } from '../../branding/logo-image';

export const BRANDING_ID = 1;

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
			logoUpdatedAt: branding.logoUpdatedAt,
			senderName: branding.senderName,
			replyTo: branding.replyTo,
			footer: branding.footer
		})
		.from(branding)
		.where(eq(branding.id, BRANDING_ID))
);

/** The branding as the owner saved it, or null before the first save (the settings form shows it). */
export async function savedBranding(db: Queryable): Promise<Branding | null> {
	const [row] = await storedBranding.all(db);
	if (!row) return null;
	return {
		name: row.name,
		accentColour: row.accentColour,
		logoVersion: row.logoUpdatedAt?.getTime() ?? null,
		senderName: row.senderName,
		replyTo: row.replyTo,
		footer: row.footer
	};
}

/** The branding respondents see: the saved one, its sender named after the company unless set. */
export async function currentBranding(db: Queryable): Promise<Branding> {
	const saved = await savedBranding(db);
	return saved ? { ...saved, senderName: saved.senderName ?? saved.name } : DEFAULT_BRANDING;
}

/** The logo's bytes and media type, with the version its URL names; null without a logo. */
export async function brandingLogo(
	db: Queryable
): Promise<{ bytes: Uint8Array; type: LogoType; version: number } | null> {
	const row = await first(
		db
			.select({ bytes: branding.logo, type: branding.logoType, updatedAt: branding.logoUpdatedAt })
			.from(branding)
			.where(eq(branding.id, BRANDING_ID))
	);
	if (!row?.bytes || !row.type || !row.updatedAt) return null;
	return { bytes: row.bytes, type: row.type as LogoType, version: row.updatedAt.getTime() };
}
