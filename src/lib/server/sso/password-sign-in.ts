import { eq } from 'drizzle-orm';
import type { Queryable } from '../db';
import { first } from '../db/queries';
import { passwordLinks, users } from '../db/schema';
import { readSignInSettings } from '../auth/sign-in-settings';
import { parseToken } from '../auth/token';
import { refuse, type Refusal } from '../../result';
import * as m from '../../paraglide/messages';

type Person = { id: string; role: string } | undefined;

/**
 * Why a password may not be used when the owner switched password sign-in off: only the
 * break-glass owner keeps it, for when the identity provider fails. `person` is looked up only
 * then, so sign-ins pay one settings read while passwords are on.
 */
async function passwordRefusal(
	db: Queryable,
	person: () => Promise<Person>
): Promise<Refusal | null> {
	const { passwordSignIn, breakGlassUserId } = await readSignInSettings(db);
	if (passwordSignIn) return null;
	const user = await person();
	if (user && user.id === breakGlassUserId && user.role === 'owner') return null;
	return refuse(400, m.sso_password_off_refused());
}

/**
 * Refuses a password sign-in while password sign-in is off (null: go on). `verified` is the user
 * whose password was right, else undefined: a wrong password is refused in the same words for
 * every address, the break-glass owner's too, so that no answer tells which address it is.
 */
export const passwordSignInRefusal = (db: Queryable, verified: Person) =>
	passwordRefusal(db, async () => verified);

/**
 * Refuses choosing a password through an invitation or reset link while password sign-in is
 * off, but for the break-glass owner's (null: go on; the link itself is checked afterwards).
 */
export const passwordLinkRefusal = (db: Queryable, token: string) =>
	passwordRefusal(db, async () => {
		const parts = parseToken(token);
		if (!parts) return undefined;
		return first(
			db
				.select({ id: users.id, role: users.role })
				.from(passwordLinks)
				.innerJoin(users, eq(users.id, passwordLinks.userId))
				.where(eq(passwordLinks.id, parts.id))
		);
	});
