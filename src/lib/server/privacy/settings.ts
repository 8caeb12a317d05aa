import { eq } from 'drizzle-orm';
import { recordAudit, type Actor } from '../audit';
import type { Db, Queryable } from '../db';
import { first } from '../db/queries';
import { inTransaction } from '../db/transaction';
import { privacySettings } from '../db/schema';

/** Whether erasing a client keeps their survey answers, anonymised, for the statistics (the default). */
export async function erasureKeepsAnswers(db: Queryable): Promise<boolean> {
	const row = await first(
		db
			.select({ keep: privacySettings.erasureKeepsAnswers })
			.from(privacySettings)
			.where(eq(privacySettings.id, 1))
	);
	return row?.keep ?? true;
}

export async function saveErasureKeepsAnswers(db: Db, keep: boolean, actor: Actor): Promise<void> {
	await inTransaction(db, async (tx) => {
		const row = { erasureKeepsAnswers: keep, updatedAt: new Date() };
		await tx
			.insert(privacySettings)
			.values({ id: 1, ...row })
			.onConflictDoUpdate({ target: privacySettings.id, set: row });
		await recordAudit(tx, actor, 'privacy.settings', 'privacy', { erasureKeepsAnswers: keep });
	});
}

/** The sentence the erasure confirmation and the settings page show, so nobody erases unaware. */
export function answersOnErasureText(keep: boolean): string {
	return keep
		? 'Their survey answers are kept, anonymised, so the statistics stay as they are (Settings → Privacy).'
		: 'Their survey answers are deleted too, and the dashboard no longer counts them (Settings → Privacy).';
}
