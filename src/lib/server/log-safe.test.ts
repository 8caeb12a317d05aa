import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inspect } from 'node:util';
import type { Db } from './db';
import { clients } from './db/schema';
import { openTestDatabase } from './db/test-database';
import { inTransaction, onPostgres } from './db/transaction';
import { safeMessage, withoutData } from './log-safe';

let db: Db;
let remove: () => Promise<void>;
beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
});
afterEach(() => remove());

const client = {
	email: 'ada.private@example.com',
	name: 'Ada Private',
	language: 'en',
	createdAt: new Date(0),
	updatedAt: new Date(0)
};

async function refusedInsert(): Promise<unknown> {
	await inTransaction(db, (tx) => tx.insert(clients).values(client));
	try {
		await inTransaction(db, (tx) => tx.insert(clients).values(client));
	} catch (error) {
		return error;
	}
	throw new Error('the second insert of the same email was accepted');
}

describe('errors as they are logged', () => {
	it('keep the query and the reason of a refused statement, not its values', async () => {
		const refused = await refusedInsert();
		// What drizzle gives on PostgreSQL holds the email: this is what must not reach a log.
		// (better-sqlite3's errors name the column, not the value.)
		if (onPostgres(db)) expect(inspect(refused)).toContain(client.email);
		const logged = inspect(withoutData(refused));
		expect(logged).not.toContain(client.email);
		expect(logged).not.toContain(client.name);
		expect(logged).toMatch(/unique/i);
		if (onPostgres(db)) {
			expect(logged).toMatch(/Query: insert into "clients"/);
			expect(logged).toMatch(/\n\s+at /);
		}
		expect(safeMessage(refused)).not.toContain(client.email);
	});

	it('leave any other error as it is', () => {
		const error = new TypeError('not a query');
		expect(withoutData(error)).toBe(error);
		expect(safeMessage('a string')).toBe('a string');
	});
});
