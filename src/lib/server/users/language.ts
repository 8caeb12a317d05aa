import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { users } from '../db/schema';
import { inTransaction } from '../db/transaction';
import type { Locale } from '../../paraglide/runtime';

/** Sets the language a user reads pages and emails in. */
export const setUserLanguage = (db: Db, userId: string, language: Locale) =>
	inTransaction(db, async (tx) => {
		await tx.update(users).set({ language }).where(eq(users.id, userId));
	});

/**
 * At sign-in, the browser's language becomes the language of a user who has none yet: emails,
 * which have no browser to ask, then go out in the language the user reads the pages in.
 */
export const adoptBrowserLanguage = (db: Db, userId: string, language: Locale) =>
	inTransaction(db, async (tx) => {
		await tx
			.update(users)
			.set({ language })
			.where(and(eq(users.id, userId), isNull(users.language)));
	});
