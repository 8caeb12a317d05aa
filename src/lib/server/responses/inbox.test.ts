import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxFilter } from '../../schemas/inbox-filter';
import { startRebuild } from '../analytics/rebuild';
import { recentAudit } from '../audit';
import { saveClients, updateClient } from '../clients/save';
import { saveSegment } from '../clients/segments';
import { clientInput } from '../clients/test-clients';
import type { Db } from '../db';
import { engine } from '../db/engine';
import * as schema from '../db/schema';
import { clients, followupCases, responses } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { first } from '../db/queries';
import { respond } from '../followups/test-followups';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { annotateResponse, responseAnnotation } from './annotations';
import { inboxChoices, inboxConditions, inboxPage, type InboxLead, type InboxPlan } from './inbox';

/**
 * Six responses (airline weights: punctuality 3, customs 2, safety 3, snacks 1):
 *   r1 Vera (VIP) 2026-01-10, all 5s → 100, "Lovely crew, right on time" positive, tag praise
 *   r2 Vera (VIP) 2026-02-10, all 2s → 25, "The flight was late and my seat was broken" negative, tag callback
 *   r3 Otto 2026-02-20, all 4s → 75, "Fine" neutral
 *   r4 anonymous 2026-03-05, all 3s → 50, Finnish, not scored
 *   r5 Otto 2026-03-10, NPS survey (no model, no rating) → no score, "Recommended it to friends" positive
 *   r6 Otto today, all 1s and overall 1 → 0, opens a follow-up case; no text
 */
let db: Db;
let remove: () => Promise<void>;
const r: Record<number, number> = {};
let airline: number;
let nps: number;
let vip: number;
let vera: number;
let otto: number;

const day = (date: string) => new Date(`${date}T12:00:00Z`);
const rated = (score: string) => ({ punctuality: score, customs: score, safety: score });

beforeAll(async () => {
	({ db, remove } = await openTestDatabase());
	airline = await openSurveyFromTemplate(db, 'airline-csi');
	nps = await openSurveyFromTemplate(db, 'nps-reasons');
	vip = (await saveSegment(db, { name: 'VIP', filter: { tags: ['vip'] }, userId: null })).id;
	const saved = await saveClients(
		db,
		[
			clientInput({ email: 'vera@example.com', name: 'Vera Vip', tags: ['vip'], consent: true }),
			clientInput({ email: 'otto@example.com', name: 'Otto Other', consent: true })
		],
		{ onExisting: 'reject', actor: {}, source: 'test' }
	);
	if (!saved.ok) throw new Error(JSON.stringify(saved.issues));
	const idOf = async (email: string) =>
		(await first(db.select({ id: clients.id }).from(clients).where(eq(clients.email, email))))!.id;
	vera = await idOf('vera@example.com');
	otto = await idOf('otto@example.com');
	r[1] = await respond(db, airline, {
		clientId: vera,
		submittedAt: day('2026-01-10'),
		answers: { ...rated('5'), overall: '5', improve: 'Lovely crew, right on time' },
		sentiment: { improve: { label: 'positive' } }
	});
	r[2] = await respond(db, airline, {
		clientId: vera,
		submittedAt: day('2026-02-10'),
		answers: { ...rated('2'), overall: '2', improve: 'The flight was late and my seat was broken' },
		sentiment: { improve: { label: 'negative' } }
	});
	r[3] = await respond(db, airline, {
		clientId: otto,
		submittedAt: day('2026-02-20'),
		answers: { ...rated('4'), overall: '4', improve: 'Fine' },
		sentiment: { improve: { label: 'neutral' } }
	});
	r[4] = await respond(db, airline, {
		clientId: null,
		submittedAt: day('2026-03-05'),
		answers: { ...rated('3'), overall: '3', improve: 'Lento oli myöhässä' },
		sentiment: { improve: { label: null } }
	});
	r[5] = await respond(db, nps, {
		clientId: otto,
		submittedAt: day('2026-03-10'),
		answers: { recommend: '9', reason: 'Recommended it to friends' },
		sentiment: { reason: { label: 'positive' } }
	});
	r[6] = await respond(db, airline, { clientId: otto, answers: { ...rated('1'), overall: '1' } });
	// Otto joins the VIPs afterwards: his earlier answers stay outside the segment, as on the dashboard.
	await updateClient(
		db,
		otto,
		clientInput({ email: 'otto@example.com', name: 'Otto Other', tags: ['vip'] }),
		{
			actor: {},
			source: 'test'
		}
	);
	await annotateResponse(db, r[1]!, { tags: ['praise'], note: null }, {});
	await annotateResponse(db, r[2]!, { tags: ['callback'], note: 'Call her back on Monday.' }, {});
});
afterAll(() => remove());

/** Which responses (by their number above) a filter finds, newest first. */
async function found(filter: InboxFilter): Promise<number[]> {
	const numberOf = new Map(Object.entries(r).map(([n, id]) => [id, Number(n)]));
	return (await inboxPage(db, filter, { withClients: false })).rows.map(({ id }) =>
		numberOf.get(id)!
	);
}

describe('the response inbox', () => {
	it('lists every response, newest first, and counts them', async () => {
		expect(await found({})).toEqual([6, 5, 4, 3, 2, 1]);
		expect((await inboxPage(db, {}, { withClients: false })).count).toEqual({
			count: 6,
			capped: false
		});
	});

	it('filters by survey', async () => {
		expect(await found({ survey: airline })).toEqual([6, 4, 3, 2, 1]);
		expect(await found({ survey: nps })).toEqual([5]);
	});

	it('filters by period, both days included (UTC)', async () => {
		expect(await found({ from: '2026-02-10', to: '2026-02-20' })).toEqual([3, 2]);
		expect(await found({ from: '2026-02-11' })).toEqual([6, 5, 4, 3]);
		expect(await found({ to: '2026-01-10' })).toEqual([1]);
	});

	it('filters by the segments the client was in when answering', async () => {
		expect(await found({ segment: vip })).toEqual([2, 1]);
	});

	it('filters by score range, leaving out responses without a score', async () => {
		expect(await found({ minScore: 50 })).toEqual([4, 3, 1]);
		expect(await found({ maxScore: 25 })).toEqual([6, 2]);
		expect(await found({ minScore: 20, maxScore: 60 })).toEqual([4, 2]);
	});

	it('filters by the tone of the open answers', async () => {
		expect(await found({ sentiment: 'negative' })).toEqual([2]);
		expect(await found({ sentiment: 'positive' })).toEqual([5, 1]);
		expect(await found({ sentiment: 'neutral' })).toEqual([3]);
		expect(await found({ sentiment: 'not-scored' })).toEqual([4]);
	});

	it('searches the open answers by word beginnings, across answers and accents', async () => {
		expect(await found({ search: 'late' })).toEqual([2]);
		expect(await found({ search: 'seat broken' })).toEqual([2]);
		expect(await found({ search: 'recomm' })).toEqual([5]);
		expect(await found({ search: 'myohassa' })).toEqual([4]);
		expect(await found({ search: 'snow' })).toEqual([]);
		// Nothing to search for in punctuation alone: no filter.
		expect(await found({ search: '?!' })).toEqual([6, 5, 4, 3, 2, 1]);
	});

	it('filters by whether the response opened a follow-up case', async () => {
		expect(await db.select().from(followupCases)).toHaveLength(1);
		expect(await found({ case: 'with' })).toEqual([6]);
		expect(await found({ case: 'without' })).toEqual([5, 4, 3, 2, 1]);
	});

	it('filters by tag and by client', async () => {
		expect(await found({ tag: 'callback' })).toEqual([2]);
		expect(await found({ tag: 'nothing' })).toEqual([]);
		expect(await found({ client: vera })).toEqual([2, 1]);
	});

	it('combines filters: all of them must hold', async () => {
		expect(
			await found({ survey: airline, segment: vip, maxScore: 50, sentiment: 'negative' })
		).toEqual([2]);
		expect(await found({ client: otto, case: 'without', from: '2026-03-01' })).toEqual([5]);
		expect(await found({ search: 'late', sentiment: 'positive' })).toEqual([]);
		expect(
			(await inboxPage(db, { survey: airline, minScore: 20 }, { withClients: false })).count
		).toEqual({
			count: 4,
			capped: false
		});
		expect(inboxConditions({})).toBeUndefined();
	});

	it('shows each row’s score, excerpt, tones, tags, note and case, and clients only when asked', async () => {
		const withClients = (await inboxPage(db, { client: vera }, { withClients: true })).rows;
		expect(withClients[0]).toMatchObject({
			id: r[2]!,
			score: 25,
			survey: { id: airline, name: 'Airline CSI' },
			client: { id: vera, name: 'Vera Vip' },
			excerpt: 'The flight was late and my seat was broken',
			tones: ['negative'],
			tags: ['callback'],
			hasNote: true,
			case: null
		});
		expect(withClients[1]).toMatchObject({ tags: ['praise'], hasNote: false });
		const [withCase] = (await inboxPage(db, { case: 'with' }, { withClients: false })).rows;
		expect(withCase).toMatchObject({
			client: null,
			score: 0,
			excerpt: null,
			tones: [],
			case: { status: 'open' }
		});
	});

	it('pages with a cursor, older and newer, without overlap', async () => {
		const first = await inboxPage(db, {}, { limit: 2, withClients: false });
		expect(first.rows.map(({ id }) => id)).toEqual([r[6]!, r[5]!]);
		expect(first.newer).toBeNull();
		const second = await inboxPage(db, {}, { limit: 2, withClients: false, cursor: older(first) });
		expect(second.rows.map(({ id }) => id)).toEqual([r[4]!, r[3]!]);
		const third = await inboxPage(db, {}, { limit: 2, withClients: false, cursor: older(second) });
		expect(third.rows.map(({ id }) => id)).toEqual([r[2]!, r[1]!]);
		expect(third.older).toBeNull();
		const back = await inboxPage(db, {}, { limit: 2, withClients: false, cursor: newer(third) });
		expect(back.rows.map(({ id }) => id)).toEqual([r[4]!, r[3]!]);
		const start = await inboxPage(db, {}, { limit: 2, withClients: false, cursor: newer(back) });
		expect(start.rows.map(({ id }) => id)).toEqual([r[6]!, r[5]!]);
		expect(start.newer).toBeNull();
		expect(start.older).not.toBeNull();
	});

	it('counts up to a cap, then says there are more, and pages the same either way', async () => {
		const capped = await inboxPage(db, {}, { withClients: false, countCap: 4, limit: 4 });
		expect(capped.count).toEqual({ count: 4, capped: true });
		expect((await inboxPage(db, {}, { withClients: false, countCap: 6 })).count).toEqual({
			count: 6,
			capped: false
		});
		const next = await inboxPage(
			db,
			{},
			{ withClients: false, countCap: 4, limit: 4, cursor: older(capped) }
		);
		expect(next.rows.map(({ id }) => id)).toEqual([r[2]!, r[1]!]);
		expect(next.older).toBeNull();
		const back = await inboxPage(
			db,
			{},
			{ withClients: false, countCap: 4, limit: 4, cursor: newer(next) }
		);
		expect(back.rows.map(({ id }) => id)).toEqual([r[6]!, r[5]!, r[4]!, r[3]!]);
		expect(back.newer).toBeNull();
	});

	it('offers the surveys, segments and tags in use as filter choices', async () => {
		expect(await inboxChoices(db)).toEqual({
			surveys: [
				{ id: airline, name: 'Airline CSI' },
				{ id: nps, name: 'NPS + reasons' }
			],
			segments: [{ id: vip, name: 'VIP' }],
			topics: [],
			tags: ['callback', 'praise']
		});
	});

	it('finds the same responses whichever filter’s index leads, or reading by date', async () => {
		const filters: InboxFilter[] = [
			{ survey: airline },
			{ from: '2026-02-10', to: '2026-03-05' },
			{ segment: vip },
			{ minScore: 20, maxScore: 80 },
			...(['positive', 'neutral', 'negative', 'not-scored'] as const).map((sentiment) => ({
				sentiment
			})),
			{ search: 'late seat' },
			{ case: 'with' },
			{ case: 'without' },
			{ tag: 'callback' },
			{ client: otto },
			{ client: otto, case: 'without', maxScore: 80 }
		];
		const ids = async (filter: InboxFilter, plan: InboxPlan) =>
			await db
				.select({ id: responses.id })
				.from(responses)
				.where(inboxConditions(filter, plan))
				.orderBy(responses.id);
		const leads: InboxLead[] = [
			'survey',
			'period',
			'segment',
			'scope',
			'score',
			'sentiment',
			'search',
			'case',
			'tag',
			'client'
		];
		for (const filter of [
			...filters,
			{ survey: airline, from: '2026-02-01', segment: vip, maxScore: 50, search: 'late' },
			{ scopeSegment: vip, sentiment: 'negative' } as const,
			{ sentiment: 'negative', case: 'without', tag: 'callback', to: '2026-02-28' } as const
		])
			for (const plan of ['byDate', ...leads.map((leading) => ({ leading }))] as InboxPlan[])
				expect(
					await ids(filter, plan),
					`${JSON.stringify(filter)} ${JSON.stringify(plan)}`
				).toEqual(await ids(filter, 'byFilter'));
	});

	it('follows the segment when the dashboard re-reads its members after the segment changed', async () => {
		// Saving a segment's filter again re-snapshots past responses from today's members: Otto is a VIP now.
		await (
			await startRebuild(
				db,
				{ kind: 'segment', segmentId: vip },
				{
					code: 'segmentChanged',
					params: { name: 'VIP' }
				}
			)
		).done;
		expect(await found({ segment: vip })).toEqual([6, 5, 3, 2, 1]);
	});

	// The two below read SQLite's query plans: the plan is chosen here because SQLite keeps no
	// statistics, while PostgreSQL's planner chooses from its own.
	it.skipIf(engine === 'postgres')(
		'finds a combination’s matches through the index of its rarest filter',
		async () => {
			// Two of six responses are in the segment, one has a score of 90 or more: the score's index leads.
			const queries: { sql: string; params: unknown[] }[] = [];
			const logged = drizzle(db.$client, {
				schema,
				logger: { logQuery: (query, params) => queries.push({ sql: query, params }) }
			});
			const page = await inboxPage(logged, { segment: vip, minScore: 90 }, { withClients: false });
			expect(page.rows.map(({ id }) => id)).toEqual([r[1]!]);
			const matchesQuery = queries.find(
				({ sql }) =>
					sql.startsWith('select "id", "submitted_at" from "responses"') && !/order by/.test(sql)
			)!;
			const plan = (
				db.$client
					.prepare(`explain query plan ${matchesQuery.sql}`)
					.all(...matchesQuery.params) as {
					detail: string;
				}[]
			).map(({ detail }) => detail);
			expect(plan[0]).toMatch(/SEARCH responses USING (COVERING )?INDEX responses_score_idx/);
		}
	);

	it.skipIf(engine === 'postgres')(
		'reads a page of a filter with many matches newest first along the date index, sorting none',
		async () => {
			const queries: { sql: string; params: unknown[] }[] = [];
			const logged = drizzle(db.$client, {
				schema,
				logger: { logQuery: (query, params) => queries.push({ sql: query, params }) }
			});
			// A cap of 1 makes the two positive responses "many".
			const page = await inboxPage(
				logged,
				{ sentiment: 'positive' },
				{ withClients: false, countCap: 1 }
			);
			expect(page.count).toEqual({ count: 1, capped: true });
			const pageQuery = queries.find(({ sql }) => /order by/.test(sql));
			const plan = (
				db.$client.prepare(`explain query plan ${pageQuery!.sql}`).all(...pageQuery!.params) as {
					detail: string;
				}[]
			)
				.map(({ detail }) => detail)
				.join('\n');
			expect(plan).toMatch(/SCAN responses USING (COVERING )?INDEX responses_submitted_idx/);
			expect(plan).not.toMatch(/TEMP B-TREE/);
			expect(page.rows.map(({ id }) => id)).toEqual([r[5]!, r[1]!]);
		}
	);
});

const older = (page: Awaited<ReturnType<typeof inboxPage>>) => ({
	direction: 'older' as const,
	submittedAt: page.older!.submittedAt.getTime(),
	id: page.older!.id
});
const newer = (page: Awaited<ReturnType<typeof inboxPage>>) => ({
	direction: 'newer' as const,
	submittedAt: page.newer!.submittedAt.getTime(),
	id: page.newer!.id
});

describe('tags and notes on a response', () => {
	it('are stored, and audited with the tags added and removed but never the note’s text', async () => {
		const changed = await annotateResponse(
			db,
			r[3]!,
			{ tags: ['pricing', 'callback'], note: 'Asked about fares.' },
			{ userId: null }
		);
		expect(changed).toEqual({ ok: true, changed: true });
		expect(await responseAnnotation(db, r[3]!)).toMatchObject({
			tags: ['callback', 'pricing'],
			note: 'Asked about fares.',
			noteUpdatedAt: expect.any(Date)
		});
		await annotateResponse(db, r[3]!, { tags: ['pricing'], note: 'Asked about fares.' }, {});
		expect((await recentAudit(db, 1))[0]).toMatchObject({
			action: 'response.annotate',
			subject: `response:${r[3]!}`,
			details: { tagsAdded: [], tagsRemoved: ['callback'], noteChanged: false }
		});
		expect(JSON.stringify(await recentAudit(db, 10))).not.toContain('fares');
	});

	it('change nothing, not even the audit log, when saved as they were', async () => {
		const entries = (await recentAudit(db, 100)).length;
		expect(await annotateResponse(db, r[1]!, { tags: ['praise'], note: null }, {})).toEqual({
			ok: true,
			changed: false
		});
		expect(await recentAudit(db, 100)).toHaveLength(entries);
	});

	it('are refused for a response that does not exist', async () => {
		expect(await annotateResponse(db, 999, { tags: [], note: null }, {})).toMatchObject({
			ok: false,
			status: 404
		});
	});
});
