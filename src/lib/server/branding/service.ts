import { eq } from 'drizzle-orm';
import { recordAudit, type Actor } from '../audit';
import type { Db } from '../db';
import { branding } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { brandingSchema, MAX_LOGO_BYTES, type BrandingInput } from '../../branding/settings-form';
import type { Result } from '../../result';
import { BRANDING_ID } from './read';

/**
 * Saves the branding the form sent (see brandingSchema): a new logo replaces the stored one, no
 * logo keeps it. Refuses, naming the field, what the schema does not take; an oversized logo
 * with 413.
 */
export async function saveBranding(db: Db, input: BrandingInput, actor: Actor): Promise<Result> {
	const parsed = brandingSchema.safeParse(input);
	if (!parsed.success) {
		const [issue] = parsed.error.issues;
		const field = String(issue!.path[0]);
		const oversized = field === 'logo' && (input.logo?.length ?? 0) > MAX_LOGO_BYTES;
		return { ok: false, status: oversized ? 413 : 400, message: issue!.message, field };
	}
	const { logo, ...settings } = parsed.data;
	await inTransaction(db, async (tx) => {
		const now = new Date();
		const row = {
			...settings,
			...(logo ? { logo: Buffer.from(logo.bytes), logoType: logo.type, logoUpdatedAt: now } : {}),
			updatedAt: now
		};
		await tx
			.insert(branding)
			.values({ id: BRANDING_ID, ...row })
			.onConflictDoUpdate({ target: branding.id, set: row });
		await recordAudit(tx, actor, 'branding.save', 'branding', { newLogo: logo !== null });
	});
	return { ok: true };
}

/** Drops the logo: pages and emails show the company's name in its place. */
export async function removeLogo(db: Db, actor: Actor): Promise<void> {
	await inTransaction(db, async (tx) => {
		await tx
			.update(branding)
			.set({ logo: null, logoType: null, logoUpdatedAt: null, updatedAt: new Date() })
			.where(eq(branding.id, BRANDING_ID));
		await recordAudit(tx, actor, 'branding.remove_logo', 'branding');
	});
}
