import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchQuery } from '../clients/filter';
import { openTestSqlite, type TestDatabase } from './test-database';
import { createTestPostgres } from './test-postgres';
import { inTransaction } from './transaction';

// PostgreSQL's full-text search (drizzle-pg/0001_search_and_triggers.sql) against SQLite's FTS5
// (drizzle/0002_client_search.sql, 0021_response_inbox_triggers.sql): the same rows, the same
// typed words, the same matches. SQLite is asked as the app asks it (clients/filter.ts'
// searchQuery), PostgreSQL through search_prefix_query.

const clients = [
	[1, 'Jürgen Müller-Lüdenscheidt', 'j.mueller@beispiel.de', 'Müller GmbH'],
	[2, 'Ada Lovelace', 'ada@example.com', 'Analytical Engines Ltd'],
	[3, 'Jean-Pierre Dupont', 'jp.dupont@exemple.fr', null],
	[4, 'Émile Zola', 'emile.zola2024@example.org', 'Éditions Charpentier'],
	[5, 'Siobhán O’Brien', 'sob@example.ie', 'Example Ltd'],
	[6, 'Bob Muller', 'bob@muller-consulting.com', null],
	[7, 'Straße Æsir Ørsted Łódź', 'stadt@rat.de', null]
] as const;
const literal = (value: string | number | null) =>
	value === null ? 'null' : typeof value === 'number' ? value : `'${value.replace(/'/g, "''")}'`;
const setUp = [
	...clients.map(
		(client) => `insert into clients (id, name, email, company, language, created_at, updated_at)
			values (${client.map(literal).join(', ')}, 'en', 0, 0)`
	),
	`insert into surveys (id, name, status, created_at, updated_at) values (1, 'Service', 'open', 0, 0)`,
	`insert into survey_versions (id, survey_id, version, definition, created_at, updated_at)
		values (1, 1, 1, '{}', 0, 0)`,
	`insert into responses (id, survey_version_id, language, submitted_at)
		values (1, 1, 'fr', 0), (2, 1, 'de', 0), (3, 1, 'en', 0)`,
	`insert into answers (response_id, question_id, text) values
		(1, 'q1', 'Café au lait, très cher'), (1, 'q2', 'Prix élevé'),
		(2, 'q1', 'Zu spät geliefert – Lieferschein fehlte'),
		(3, 'q1', 'Wrote to support@help-desk.com twice'), (3, 'q2', null)`
];

let sqlite: TestDatabase;
let postgres: Awaited<ReturnType<typeof createTestPostgres>>;

const both = async (statements: string[]) => {
	await inTransaction(sqlite.db, async (tx) => {
		for (const statement of statements) tx.$client.exec(statement);
	});
	await inTransaction(postgres.db, async (tx) => {
		for (const statement of statements) await tx.execute(sql.raw(statement));
	});
};

type Found = { id: number }[];

/** The ids each engine finds for what someone typed, in the clients' or the answers' index. */
async function found(typed: string, index: 'clients' | 'answers', withEmail = true) {
	const match = searchQuery(typed, withEmail);
	const inSqlite =
		match === null
			? []
			: (sqlite.db.$client
					.prepare(
						`select rowid as id from ${index === 'clients' ? 'clients_search' : 'response_texts'}
						where ${index === 'clients' ? 'clients_search' : 'response_texts'} match ? order by rowid`
					)
					.all(match) as Found);
	const pgQuery =
		index === 'clients'
			? sql`select client_id as id from clients_search
				where document @@ search_prefix_query(${typed}, ${withEmail}) order by client_id`
			: sql`select response_id as id from response_texts
				where document @@ search_prefix_query(${typed}) order by response_id`;
	const inPostgres = (await postgres.db.execute<{ id: number }>(pgQuery)).rows;
	return { sqlite: inSqlite.map(({ id }) => id), postgres: inPostgres.map(({ id }) => id) };
}

beforeAll(async () => {
	sqlite = await openTestSqlite();
	postgres = await createTestPostgres();
	await both(setUp);
});
afterAll(async () => {
	await sqlite.remove();
	await postgres.remove();
});

describe('a word-prefix search finds the same clients on both engines', () => {
	it.each([
		['muller', [1, 6]],
		['Müller', [1, 6]],
		['MÜL', [1, 6]],
		['ludenscheidt', [1]],
		['müller-lüdenscheidt', [1]],
		['jean-pierre', [3]],
		['pierre dupont', [3]],
		['ada lovelace', [2]],
		['example', [2, 4, 5]],
		['exemple.fr', [3]],
		['beispiel', [1]],
		['consulting', [6]],
		['zola2024', [4]],
		['2024', []],
		['emile', [4]],
		['édi', [4]],
		['siobhan', [5]],
		['o’brien', [5]],
		["o'bri", [5]],
		['ltd', [2, 5]],
		['zzz', []],
		['mueller lovelace', []]
	] as const)('%s finds %j', async (typed, ids) => {
		const result = await found(typed, 'clients');
		expect(result.sqlite).toEqual(ids);
		expect(result.postgres).toEqual(ids);
	});

	it.each([
		['example', [5]],
		['muller', [1, 6]],
		['consulting', []],
		['ada', [2]]
	] as const)('%s in names and companies only finds %j', async (typed, ids) => {
		const result = await found(typed, 'clients', false);
		expect(result.sqlite).toEqual(ids);
		expect(result.postgres).toEqual(ids);
	});

	// unaccent folds more than FTS5's remove_diacritics: letters that are not a base letter with a
	// mark (ß, æ, ø, ł, ligatures) too. PostgreSQL finds more, never less.
	it.each(['strasse', 'aesir', 'orsted', 'lodz'])(
		'%s finds Straße Æsir Ørsted Łódź on PostgreSQL only',
		async (typed) => {
			expect(await found(typed, 'clients')).toEqual({ sqlite: [], postgres: [7] });
		}
	);

	it('finds nothing for punctuation alone (neither engine gets a query)', async () => {
		expect(searchQuery('–-.@')).toBeNull();
		const { rows } = await postgres.db.execute(sql`select search_prefix_query('–-.@') as query`);
		expect(rows).toEqual([{ query: null }]);
	});

	it('follows a client’s new name and email, and forgets a deleted client', async () => {
		await both([
			`update clients set name = 'Jürgen Schmidt', email = 'js@beispiel.de' where id = 1`,
			`update clients set company = null where id = 1`,
			`delete from clients where id = 6`
		]);
		for (const [typed, ids] of [
			['muller', []],
			['schmidt', [1]],
			['js', [1]],
			['bob', []]
		] as const) {
			const result = await found(typed, 'clients');
			expect(result, typed).toEqual({ sqlite: ids, postgres: ids });
		}
	});
});

describe('a word-prefix search finds the same responses on both engines', () => {
	it.each([
		['cafe', [1]],
		['eleve prix', [1]],
		['cher', [1]],
		['spat', [2]],
		['liefer', [2]],
		['help-desk', [3]],
		['support', [3]],
		['cafe spat', []]
	] as const)('%s finds %j', async (typed, ids) => {
		const result = await found(typed, 'answers');
		expect(result.sqlite).toEqual(ids);
		expect(result.postgres).toEqual(ids);
	});
});
