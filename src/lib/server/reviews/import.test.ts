import { readFileSync } from 'node:fs';
import { count, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recentAudit } from '../audit';
import { saveClients } from '../clients/save';
import { clientInput } from '../clients/test-clients';
import type { Db } from '../db';
import type { PgDb } from '../db/postgres';
import { clients, reviews, webhookDeliveries } from '../db/schema';
import { registerWebhook } from '../webhooks/service';
import { openTestDatabase } from '../db/test-database';
import { first } from '../db/queries';
import { latestJob } from '../worker/jobs';
import { importReviewFile, importReviewItems } from './import';
import { sqliteWriterOf } from '../db/sqlite-connections';
import { onPostgres } from '../db/transaction';

/**
 * What a test does where the import pauses for other work, after reporting each slice: looking
 * at its job as the import page's progress bar does, at the moment the import lets it.
 */
const pause = vi.hoisted(() => ({ look: null as (() => Promise<void>) | null }));
vi.mock('../worker/jobs', async (original) => {
	const jobs = await original<typeof import('../worker/jobs')>();
	return {
		...jobs,
		yieldToRequests: async () => {
			await pause.look?.();
			await jobs.yieldToRequests();
		}
	};
});

let db: Db;
let remove: () => Promise<void>;
const options = {
	actor: { userId: null },
	origin: { kind: 'file' as const, name: 'reviews.csv' },
	now: new Date('2026-01-01T00:00:00Z')
};
const fixture = (name: string) =>
	new Uint8Array(
		readFileSync(new URL(`../../../../tests/fixtures/reviews/${name}`, import.meta.url))
	);

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	await saveClients(
		db,
		[
			clientInput({ email: 'anna.berg@example.com' }),
			clientInput({ email: 'mark.stone@example.com' })
		],
		{ onExisting: 'skip', actor: {}, source: 'test' }
	);
});
/** What a test changed in the database's schema, undone before the database is given back. */
let undoSchemaChange: (() => Promise<unknown>) | null = null;
afterEach(async () => {
	await undoSchemaChange?.();
	undoSchemaChange = null;
	await remove();
});

/** A trigger that makes every insert into reviews fail with `message`, until the test ends. */
async function refuseReviewInserts(message: string) {
	if (!onPostgres(db)) {
		sqliteWriterOf(db)!.writer.$client.exec(
			`create trigger refuse_reviews before insert on reviews begin select raise(abort, '${message}'); end`
		);
		return;
	}
	const pg = db as unknown as PgDb;
	await pg.execute(
		sql.raw(`create function refuse_reviews() returns trigger language plpgsql as $$
			begin raise exception '${message}'; end $$;
			create trigger refuse_reviews before insert on reviews
			for each row execute function refuse_reviews()`)
	);
	// The database is emptied for the next test, not rebuilt: the trigger must go.
	undoSchemaChange = () => pg.execute(sql`drop function refuse_reviews() cascade`);
}

const reviewCount = async () => (await first(db.select({ n: count() }).from(reviews)))!.n;
const stored = async () => await db.select().from(reviews).orderBy(reviews.id);

describe('importing a review file', () => {
	it('stores every review with its client, matched by email in any case; an unknown email stays unlinked and is counted', async () => {
		const outcome = await importReviewFile(db, fixture('generic.csv'), {}, options);
		expect(outcome).toMatchObject({
			ok: true,
			format: 'csv',
			total: 6,
			created: 6,
			alreadyImported: 0,
			linked: 2,
			unknownEmails: 1,
			withoutText: 0
		});
		const rows = await stored();
		const clientIds = await db.select({ email: clients.email, id: clients.id }).from(clients);
		const idOf = (email: string) => clientIds.find((client) => client.email === email)!.id;
		expect(rows.map((row) => [row.externalId, row.clientId])).toEqual([
			['ta-1001', idOf('anna.berg@example.com')],
			['ta-1002', null],
			['ta-1003', idOf('mark.stone@example.com')],
			['ta-1004', null],
			['ta-1005', null],
			[expect.stringMatching(/^sha256:/), null]
		]);
		expect(rows[0]).toMatchObject({
			source: 'tripadvisor',
			author: 'Anna Berg',
			stars: 5,
			title: 'Lovely stay',
			language: 'en',
			tag: 'Amsterdam',
			reviewedAt: new Date('2025-03-02T00:00:00Z'),
			importedAt: options.now
		});
	});

	it('scores every review as it is saved', async () => {
		const outcome = await importReviewFile(db, fixture('generic.csv'), {}, options);
		const rows = await stored();
		expect(rows.every((row) => row.sentimentVersion !== null)).toBe(true);
		const terrible = rows.find((row) => row.externalId === 'ta-1003')!;
		expect(terrible).toMatchObject({ sentimentLanguage: 'en', sentimentLabel: 'negative' });
		expect(terrible.sentimentDetail?.words.map((word) => word.word)).toEqual(
			expect.arrayContaining(['terrible', 'rude'])
		);
		expect(outcome.ok && Object.values(outcome.sentiment).reduce((a, b) => a + b)).toBe(6);
	});

	it('announces each new review once to the webhooks that listen for it', async () => {
		await registerWebhook(
			db,
			{ userId: null },
			{ url: 'https://hooks.example/reviews', events: ['review.imported'] }
		);
		await importReviewFile(db, fixture('generic.csv'), {}, options);
		await importReviewFile(db, fixture('generic.csv'), {}, options);
		const deliveries = await db.select().from(webhookDeliveries);
		expect(deliveries).toHaveLength(6);
		expect(JSON.parse(deliveries[0]!.payload)).toMatchObject({
			event: 'review.imported',
			data: { source: 'tripadvisor', externalId: 'ta-1001', stars: 5 }
		});
	});

	it('changes nothing when the same file is imported again, and says so', async () => {
		await importReviewFile(db, fixture('generic.csv'), {}, options);
		const before = { rows: await stored(), audit: (await recentAudit(db)).length };
		const again = await importReviewFile(
			db,
			fixture('generic.csv'),
			{},
			{ ...options, now: new Date('2026-01-02T00:00:00Z') }
		);
		expect(again).toMatchObject({ ok: true, total: 6, created: 0, alreadyImported: 6 });
		expect(await stored()).toEqual(before.rows);
		expect(await recentAudit(db)).toHaveLength(before.audit);
	});

	it('adds only the new reviews of a file that grew', async () => {
		await importReviewFile(db, fixture('trustpilot.csv'), {}, options);
		const grown = Buffer.concat([
			fixture('trustpilot.csv'),
			Buffer.from(
				'65f1c0a2e4b0a1b2c3d4e5fa,2025-02-20 09:00:00,,New,"Fast, friendly.",4,Organic,en,,,,Webshop,,Ana,,\r\n'
			)
		]);
		expect(await importReviewFile(db, grown, {}, options)).toMatchObject({
			ok: true,
			format: 'trustpilot',
			created: 1,
			alreadyImported: 4
		});
		expect(await reviewCount()).toBe(5);
	});

	it('imports nothing from a file with one bad row, and names its line and column', async () => {
		const outcome = await importReviewFile(db, fixture('generic-one-bad-row.csv'), {}, options);
		expect(outcome).toEqual({
			ok: false,
			status: 400,
			message: 'Nothing was imported: one problem to fix.',
			problems: [],
			issues: [
				{
					line: 4,
					column: 'Rating',
					message: '"6" is not a star rating: use a whole number from 1 to 5 (or ONE to FIVE)'
				}
			],
			issueCount: 1,
			format: 'csv',
			columns: expect.objectContaining({ headers: expect.arrayContaining(['Rating']) })
		});
		expect(await reviewCount()).toBe(0);
	});

	it('checks a file without writing anything when asked to', async () => {
		expect(
			await importReviewFile(
				db,
				fixture('google.json'),
				{ tag: 'Bucharest' },
				{ ...options, dryRun: true }
			)
		).toMatchObject({
			ok: true,
			format: 'google',
			total: 3,
			created: 2,
			withoutText: 1
		});
		expect(await reviewCount()).toBe(0);
	});

	it('scores short Google reviews, which carry no language, by the word list they read in (#18)', async () => {
		const google = JSON.stringify({
			reviews: [
				{
					reviewId: 'g-nl',
					starRating: 'FIVE',
					comment: 'Snelle douane en vriendelijk personeel, top!',
					createTime: '2025-11-02T10:00:00Z'
				},
				{
					reviewId: 'g-fi',
					starRating: 'TWO',
					comment: 'Jonottiin tullissa tunnin. Huono kokemus.',
					createTime: '2025-11-03T10:00:00Z'
				}
			]
		});
		const outcome = await importReviewFile(db, new TextEncoder().encode(google), {}, options);
		expect(outcome).toMatchObject({
			ok: true,
			format: 'google',
			sentiment: { positive: 1, neutral: 0, negative: 1, notScored: 0 }
		});
	});

	it('refuses a file over 20 MB with the size and the limit', async () => {
		const outcome = await importReviewFile(db, new Uint8Array(21 * 1024 * 1024), {}, options);
		expect(outcome).toMatchObject({
			ok: false,
			status: 413,
			message: 'The file is 21.0 MB; the limit is 20 MB. Split it into smaller files.'
		});
	});

	it('records who imported how many reviews from where, without personal data', async () => {
		await importReviewFile(db, fixture('generic.json'), {}, options);
		const [entry] = await recentAudit(db);
		expect(entry).toMatchObject({
			action: 'reviews.import',
			subject: 'reviews:2',
			details: { origin: 'file reviews.csv', format: 'json', created: 2, alreadyImported: 0 }
		});
	});
});

describe('the progress of an import', () => {
	it('follows an import as a job that ends done, with every new review counted', async () => {
		const outcome = await importReviewFile(db, fixture('generic.csv'), {}, options);
		expect(outcome).toMatchObject({ ok: true, created: 6 });
		expect(await latestJob(db, 'reviews')).toMatchObject({
			status: 'done',
			reasonCode: 'reviewImport',
			reasonParams: { origin: { kind: 'file', name: 'reviews.csv' } },
			done: 6,
			total: 6,
			failure: null
		});
	});

	it('reports its progress after each slice of scored reviews, while other work can look', async () => {
		const rows = Array.from(
			{ length: 4500 },
			(_, i) => `shop,r${i},Ana,4,Friendly staff (visit ${i}),2025-05-01`
		);
		const file = new TextEncoder().encode(
			['Site,Review id,Name,Rating,Review,Date', ...rows].join('\n')
		);
		const seen: number[] = [];
		pause.look = async () => {
			const job = await latestJob(db, 'reviews');
			if (job?.status === 'running') seen.push(job.done);
		};
		const outcome = await importReviewFile(db, file, {}, options).finally(() => {
			pause.look = null;
		});
		expect(outcome).toMatchObject({ ok: true, created: 4500 });
		expect(seen).toEqual([2000, 4000, 4500]);
		expect(await latestJob(db, 'reviews')).toMatchObject({
			status: 'done',
			done: 4500,
			total: 4500
		});
	});

	it('ends the job of an import that finds nothing new as done', async () => {
		await importReviewFile(db, fixture('generic.csv'), {}, options);
		await importReviewFile(db, fixture('generic.csv'), {}, options);
		expect(await latestJob(db, 'reviews')).toMatchObject({ status: 'done', done: 0, total: 0 });
	});

	it('starts no job for a check, a refused file or an invalid one', async () => {
		await importReviewFile(db, fixture('generic.csv'), {}, { ...options, dryRun: true });
		await importReviewFile(db, new Uint8Array(21 * 1024 * 1024), {}, options);
		await importReviewFile(db, fixture('generic-one-bad-row.csv'), {}, options);
		expect(await latestJob(db, 'reviews')).toBeNull();
	});

	it('marks the job failed, with the reason, when writing fails, and stores nothing', async () => {
		await refuseReviewInserts('disk is full');
		await expect(importReviewFile(db, fixture('generic.csv'), {}, options)).rejects.toThrow(
			'disk is full'
		);
		expect(await latestJob(db, 'reviews')).toMatchObject({
			status: 'failed',
			failure: 'disk is full'
		});
		expect(await reviewCount()).toBe(0);
	});
});

describe('importing reviews through the API', () => {
	const item = (externalId: string, stars: unknown = 5) => ({
		source: 'shop',
		externalId,
		stars,
		text: 'Very helpful staff',
		date: '2025-05-01'
	});

	it('stores the new reviews of a call and skips those stored before', async () => {
		expect(await importReviewItems(db, [item('a'), item('b')], options)).toMatchObject({
			ok: true,
			created: 2,
			alreadyImported: 0
		});
		expect(await importReviewItems(db, [item('b'), item('c')], options)).toMatchObject({
			ok: true,
			created: 1,
			alreadyImported: 1
		});
		expect(await reviewCount()).toBe(3);
	});

	it('stores nothing when any review is invalid, naming it by index and field', async () => {
		const outcome = await importReviewItems(db, [item('a'), item('b', 9), item('a')], options);
		expect(outcome).toMatchObject({
			ok: false,
			status: 400,
			issues: [
				{
					index: 1,
					path: ['reviews', 1, 'stars'],
					message:
						'reviews[1].stars: "9" is not a star rating: use a whole number from 1 to 5 (or ONE to FIVE)'
				},
				{
					index: 2,
					path: ['reviews', 2, 'externalId'],
					message:
						'reviews[2].externalId: Repeats the review of reviews[0] (the same source and review id)'
				}
			]
		});
		expect(await reviewCount()).toBe(0);
	});

	it('refuses stars named like a member of every object ("__proto__", "constructor", "toString") as not a star rating', async () => {
		const outcome = await importReviewItems(
			db,
			[item('a', '__proto__'), item('b', 'constructor'), item('c', 'toString')],
			options
		);
		expect(outcome).toMatchObject({
			ok: false,
			status: 400,
			issues: [
				{
					path: ['reviews', 0, 'stars'],
					message:
						'reviews[0].stars: "__proto__" is not a star rating: use a whole number from 1 to 5 (or ONE to FIVE)'
				},
				{
					path: ['reviews', 1, 'stars'],
					message:
						'reviews[1].stars: "constructor" is not a star rating: use a whole number from 1 to 5 (or ONE to FIVE)'
				},
				{
					path: ['reviews', 2, 'stars'],
					message:
						'reviews[2].stars: "toString" is not a star rating: use a whole number from 1 to 5 (or ONE to FIVE)'
				}
			]
		});
		expect(await reviewCount()).toBe(0);
	});
});

describe('star ratings that name a member of every object', () => {
	it('refuses them in a CSV file, naming the line and the column', async () => {
		const file = new TextEncoder().encode(
			[
				'source,id,stars,text,date',
				'shop,a,__proto__,Fine,2025-05-01',
				'shop,b,constructor,Fine,2025-05-01',
				'shop,c,4,Fine,2025-05-01'
			].join('\n')
		);
		const outcome = await importReviewFile(db, file, {}, options);
		expect(outcome).toMatchObject({
			ok: false,
			status: 400,
			issues: [
				{
					line: 2,
					column: 'stars',
					message:
						'"__proto__" is not a star rating: use a whole number from 1 to 5 (or ONE to FIVE)'
				},
				{
					line: 3,
					column: 'stars',
					message:
						'"constructor" is not a star rating: use a whole number from 1 to 5 (or ONE to FIVE)'
				}
			]
		});
		expect(await reviewCount()).toBe(0);
	});

	it('refuses them in a JSON file, naming the review and the field', async () => {
		const file = new TextEncoder().encode(
			JSON.stringify([
				{ source: 'shop', externalId: 'a', stars: 'toString', text: 'Fine', date: '2025-05-01' }
			])
		);
		const outcome = await importReviewFile(db, file, {}, options);
		expect(outcome).toMatchObject({
			ok: false,
			status: 400,
			issues: [
				{
					path: [0, 'stars'],
					message:
						'[0].stars: "toString" is not a star rating: use a whole number from 1 to 5 (or ONE to FIVE)'
				}
			]
		});
		expect(await reviewCount()).toBe(0);
	});
});
