import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	analyticsQueryFromSearchParams,
	analyticsQuerySchema,
	filterDimensions
} from '../../schemas/analytics';
import { inboxFilterFromSearchParams } from '../../schemas/inbox-filter';
import { csiTrend, dashboardScope, type DashboardScope } from '../analytics/dashboard';
import { listClients, unknownClientIds } from '../clients/queries';
import { saveClients } from '../clients/save';
import { saveSegment } from '../clients/segments';
import { clientInput } from '../clients/test-clients';
import type { Db } from '../db';
import { clients, followupCases, reviews, userScopes } from '../db/schema';
import { first } from '../db/queries';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import { listCases } from '../followups/queries';
import { respond } from '../followups/test-followups';
import { viewReport } from '../reports/view-report';
import { inboxPage } from '../responses/inbox';
import { listReviews } from '../reviews/queries';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { addUser } from '../users/test-users';
import {
	caseInScope,
	clientInScope,
	responseInScope,
	scopedQuery,
	scopeOf,
	withinScope,
	type Scope
} from './scope';
import { startSession, validateSessionToken } from './session';

/**
 * Two segments and three clients (airline weights: punctuality 3, customs 2, safety 3, snacks 1):
 *   VIP: Vera (tag vip).  Finns: Fenja (Finnish).  Otto is in neither.
 *   r1 Vera 2026-01-10 all 5s → 100;  r3 Otto 2026-01-20 all 4s → 75
 *   today, all 1s → 0, each opening a follow-up case: r2 Vera, r4 Fenja, r5 Otto
 * Reviews: one linked to Vera, one to Otto, one to nobody.
 */
let db: Db;
let remove: () => Promise<void>;
const r: Record<number, number> = {};
let vip: number;
let finns: number;
let vera: number;
let otto: number;
let fenja: number;
let vipScope: Scope;

const day = (date: string) => new Date(`${date}T12:00:00Z`);
const all = (score: string) => ({
	punctuality: score,
	customs: score,
	safety: score,
	snacks: score,
	overall: score
});

beforeAll(async () => {
	({ db, remove } = await openTestDatabase());
	const airline = await openSurveyFromTemplate(db, 'airline-csi');
	vip = (await saveSegment(db, { name: 'VIP', filter: { tags: ['vip'] }, userId: null })).id;
	finns = (await saveSegment(db, { name: 'Finns', filter: { languages: ['fi'] }, userId: null }))
		.id;
	const saved = await saveClients(
		db,
		[
			clientInput({ email: 'vera@example.com', name: 'Vera Vip', tags: ['vip'], consent: true }),
			clientInput({ email: 'otto@example.com', name: 'Otto Other', consent: true }),
			clientInput({ email: 'fenja@example.com', name: 'Fenja Finn', language: 'fi' })
		],
		{ onExisting: 'reject', actor: {}, source: 'test' }
	);
	if (!saved.ok) throw new Error(JSON.stringify(saved.issues));
	const idOf = async (email: string) =>
		(await first(db.select({ id: clients.id }).from(clients).where(eq(clients.email, email))))!.id;
	vera = await idOf('vera@example.com');
	otto = await idOf('otto@example.com');
	fenja = await idOf('fenja@example.com');
	const answered = async (clientId: number, score: string, date?: string) =>
		await respond(db, airline, {
			clientId,
			answers: all(score),
			...(date ? { submittedAt: day(date) } : {})
		});
	r[1] = await answered(vera, '5', '2026-01-10');
	r[3] = await answered(otto, '4', '2026-01-20');
	r[2] = await answered(vera, '1');
	r[4] = await answered(fenja, '1');
	r[5] = await answered(otto, '1');
	const review = (externalId: string, clientId: number | null) => ({
		source: 'test',
		externalId,
		text: `Review ${externalId}`,
		reviewedAt: day('2026-02-01'),
		importedAt: day('2026-02-02'),
		clientId
	});
	await inTransaction(db, async (tx) => {
		await tx
			.insert(reviews)
			.values([review('vera', vera), review('otto', otto), review('nobody', null)]);
	});
	vipScope = (await scopeOf(db, { role: 'viewer', scopeSegmentId: vip }))!;
});
afterAll(() => remove());

const query = (raw: Record<string, unknown> = {}) => analyticsQuerySchema.parse(raw);
async function pooled(analytics: ReturnType<typeof query>) {
	const scope = await dashboardScope(db, analytics);
	if (!scope.ok || 'empty' in scope) throw new Error('expected a scope');
	return (await csiTrend(db, scope as DashboardScope, analytics)).csi;
}

describe('a user’s scope', () => {
	it('is the segment an owner set, and never an owner’s', async () => {
		expect(vipScope).toMatchObject({ segmentId: vip, name: 'VIP', filter: { tags: ['vip'] } });
		expect(await scopeOf(db, { role: 'manager', scopeSegmentId: null })).toBeNull();
		expect(await scopeOf(db, { role: 'owner', scopeSegmentId: vip })).toBeNull();
	});

	it('comes with the session, from the stored scope', async () => {
		const scoped = await addUser(db, 'scoped@example.com', 'Scoped Viewer', 'viewer');
		await inTransaction(db, async (tx) => {
			await tx.insert(userScopes).values({ userId: scoped.id, segmentId: finns });
		});
		const { token } = await startSession(db, scoped.id);
		expect((await validateSessionToken(db, token))?.user.scopeSegmentId).toBe(finns);
	});

	it('cannot be set or widened from a URL', () => {
		const params = new URLSearchParams({ scopeSegment: String(finns), segment: String(finns) });
		const parsed = analyticsQueryFromSearchParams(params);
		expect(parsed.data).not.toHaveProperty('scopeSegment');
		expect(inboxFilterFromSearchParams(params).filter.scopeSegment).toBeUndefined();
		// The scope stays required next to whatever segment the URL chose.
		const scoped = scopedQuery(query({ segment: finns }), vipScope);
		expect(filterDimensions(scoped)).toEqual([`segment:${finns}`, `segment:${vip}`]);
		expect(filterDimensions(scopedQuery(query({ segment: vip }), vipScope))).toEqual([
			`segment:${vip}`
		]);
	});

	it('narrows every dashboard figure to the segment’s responses', async () => {
		const everyone = await pooled(query());
		const scoped = await pooled(scopedQuery(query(), vipScope));
		// Vera's two answers: 100 and 0.
		expect(everyone.n).toBe(5);
		expect(scoped).toMatchObject({ n: 2, value: 50 });
		expect(scoped).toEqual(await pooled(query({ segment: vip })));
		// Another segment chosen in the URL is intersected with the scope, not swapped for it.
		expect((await pooled(scopedQuery(query({ segment: finns }), vipScope))).n).toBe(0);
	});

	it('narrows the inbox, and answers a response outside it as missing', async () => {
		const found = async (filter: Parameters<typeof inboxPage>[1]) =>
			(await inboxPage(db, filter, { withClients: false })).rows.map(({ id }) => id);
		expect(await found(scopedQuery({}, vipScope))).toEqual([r[2], r[1]]);
		expect(await found({})).toHaveLength(5);
		expect(await found(scopedQuery({ segment: finns }, vipScope))).toEqual([]);
		expect(await found(scopedQuery({ client: otto }, vipScope))).toEqual([]);
		expect(await responseInScope(db, r[1]!, vipScope)).toBe(true);
		expect(await responseInScope(db, r[3]!, vipScope)).toBe(false);
		expect(await responseInScope(db, r[3]!, null)).toBe(true);
	});

	it('narrows the client list, its bulk selections and single clients', async () => {
		const page = { sort: { key: 'name', direction: 'asc' }, limit: 50, offset: 0 } as const;
		const listed = await listClients(db, withinScope({}, vipScope), page);
		expect(listed.items.map(({ name }) => name)).toEqual(['Vera Vip']);
		expect(listed.total).toBe(1);
		expect((await listClients(db, withinScope({ languages: ['fi'] }, vipScope), page)).total).toBe(
			0
		);
		expect(await clientInScope(db, vera, vipScope)).toBe(true);
		expect(await clientInScope(db, fenja, vipScope)).toBe(false);
		// A selection naming a client outside the scope is refused whole, like an unknown one.
		expect(await unknownClientIds(db, [vera, otto], withinScope({}, vipScope))).toEqual([otto]);
		expect(await unknownClientIds(db, [vera, otto])).toEqual([]);
	});

	it('narrows cases to those of the scope’s responses', async () => {
		const caseOf = async (responseId: number) =>
			(await first(
				db
					.select({ id: followupCases.id })
					.from(followupCases)
					.where(eq(followupCases.responseId, responseId))
			))!.id;
		const listed = await listCases(db, { limit: vipScope }, { limit: 50, offset: 0 });
		expect(listed.items.map(({ id }) => id)).toEqual([await caseOf(r[2]!)]);
		expect((await listCases(db, {}, { limit: 50, offset: 0 })).total).toBe(3);
		expect(await caseInScope(db, await caseOf(r[2]!), vipScope)).toBe(true);
		expect(await caseInScope(db, await caseOf(r[5]!), vipScope)).toBe(false);
	});

	it('narrows reviews to those of the scope’s clients', async () => {
		const listed = await listReviews(db, { limit: vipScope }, { limit: 50, offset: 0 });
		expect(listed.items.map(({ externalId }) => externalId)).toEqual(['vera']);
		expect((await listReviews(db, {}, { limit: 50, offset: 0 })).total).toBe(3);
	});

	it('narrows an emailed report, its open cases included', async () => {
		const scoped = await viewReport(db, '', 'monthly', '2026-01', new Date(), vipScope);
		expect(scoped.csi).toMatchObject({ n: 1, value: 100 });
		expect(scoped.cases.open).toBe(1);
		const whole = await viewReport(db, '', 'monthly', '2026-01', new Date(), null);
		expect(whole.csi).toMatchObject({ n: 2, value: 87.5 });
		expect(whole.cases.open).toBe(3);
	});
});
