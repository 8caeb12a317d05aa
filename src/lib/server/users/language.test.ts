import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { openTestDatabase } from '../db/test-database';
import { startSession, validateSessionToken } from '../auth/session';
import { addUser } from './test-users';
import { adoptBrowserLanguage, setUserLanguage } from './language';

let db: Db;
let remove: () => Promise<void>;
let userId: string;

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	userId = (await addUser(db, 'ann@example.com', 'Ann', 'manager')).id;
});
afterEach(() => remove());

/** The language a signed-in request of the user's sees. */
async function sessionLanguage() {
	const { token } = await startSession(db, userId);
	return (await validateSessionToken(db, token))?.user.language;
}

describe("a user's language", () => {
	it('is none until the first sign-in, then the browser’s', async () => {
		expect(await sessionLanguage()).toBeNull();
		await adoptBrowserLanguage(db, userId, 'fi');
		expect(await sessionLanguage()).toBe('fi');
	});

	it('is theirs once chosen: a browser asking for another does not change it', async () => {
		await adoptBrowserLanguage(db, userId, 'de');
		await setUserLanguage(db, userId, 'ro');
		await adoptBrowserLanguage(db, userId, 'nl');
		expect(await sessionLanguage()).toBe('ro');
	});
});
