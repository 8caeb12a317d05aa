import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportSubscriptionSchema } from '../../schemas/reports';
import type { Db } from '../db';
import { outboxMessages, surveys, users } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import { addClient, addStaff, respond } from '../followups/test-followups';
import { saveSegment } from '../clients/segments';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { setUserScope } from '../users/service';
import { sendDueReports } from './send';
import { cancelReport, listReportSubscriptions, subscribeToReport } from './subscriptions';

let db: Db;
let remove: () => Promise<void>;
let surveyId = 0;
let owner = '';

const rated = (punctuality: number, safety: number, extra: Record<string, string> = {}) => ({
	punctuality: String(punctuality),
	customs: String(punctuality),
	safety: String(safety),
	snacks: '4',
	overall: String(punctuality),
	...extra
});

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	surveyId = await openSurveyFromTemplate(db, 'airline-csi');
	owner = await addStaff(db, 'Olga', 'owner');
	const client = await addClient(db, 'ada@example.com');
	// October: everyone on time (CSI_r 100 or 75); November: delays (CSI_r 25 or 0), one says so.
	for (const [day, punctuality, safety] of [
		['2026-10-05', 5, 5],
		['2026-10-12', 4, 4],
		['2026-10-19', 5, 5],
		['2026-11-03', 2, 2],
		['2026-11-10', 1, 1],
		['2026-11-17', 2, 2]
	] as const)
		await respond(db, surveyId, {
			clientId: client,
			submittedAt: new Date(`${day}T09:00:00Z`),
			answers: rated(punctuality, safety)
		});
	await respond(db, surveyId, {
		clientId: client,
		submittedAt: new Date('2026-11-20T09:00:00Z'),
		answers: rated(1, 1, { improve: 'Terrible delay again, nobody told us anything, awful.' })
	});
});

afterEach(() => remove());

const subscribe = async (raw: Record<string, string>, at: string, userId = owner) => {
	const input = reportSubscriptionSchema.parse(raw);
	const saved = await subscribeToReport(
		db,
		userId,
		{ ...input, name: input.name || 'Airline' },
		new Date(at)
	);
	if (!saved.ok) throw new Error(saved.message);
	return saved.id;
};
const sentReports = async () =>
	(await db.select().from(outboxMessages)).filter(({ subject }) => subject?.includes('report'));

describe('reports that arrive by themselves', () => {
	it('sends a monthly report once, after the month is complete, with the month against the one before', async () => {
		await subscribe({ frequency: 'monthly', view: '' }, '2026-11-15T10:00:00Z');
		expect(await sendDueReports(db, new Date('2026-11-30T23:00:00Z'))).toBe(0);
		expect(await sendDueReports(db, new Date('2026-12-01T06:00:00Z'))).toBe(1);
		expect(await sendDueReports(db, new Date('2026-12-02T06:00:00Z'))).toBe(0);
		const [email] = await sentReports();
		expect(email!.toAddress).toBe('olga@staff.test');
		// Weights 3, 2, 3, 1 (snacks always 4 = 75). November: (3·25 + 2·25 + 3·25 + 75) / 9 = 30.56
		// twice and (0 + 0 + 0 + 75) / 9 = 8.33 twice → 19.44 (n = 4). October: 97.22, 75, 97.22 →
		// 89.81. Punctuality: October mean 4.67 → 91.67, November 1.5 → 12.5.
		expect(email!.subject).toBe('Monthly report “Airline”, Nov 2026: CSI 19.4');
		expect(email!.textBody).toContain('Customer Satisfaction Index, Nov 2026');
		expect(email!.textBody).toContain('- 19.4 of 100 (95% CI');
		expect(email!.textBody).toContain('n = 4, fewer than 30 answers: treat as unreliable');
		expect(email!.textBody).toContain('Against Oct 2026: −70.4 points');
		expect(email!.textBody).toContain('Punctual departure: −79.2 points');
		expect(email!.textBody).toContain('Terrible delay again');
		expect(email!.textBody).toMatch(/Open the view: http.*\/dashboard\n/);
		expect(email!.htmlBody).toContain('<h2');
	});

	it('reports the last complete week, filtered as the view was', async () => {
		await subscribe(
			{ frequency: 'weekly', view: 'language=de&granularity=month' },
			'2026-11-10T10:00:00Z'
		);
		// Week 47 (16–22 Nov) is complete on Monday 23 Nov; the view has no German answers.
		expect(await sendDueReports(db, new Date('2026-11-23T08:00:00Z'))).toBe(1);
		const [email] = await sentReports();
		expect(email!.subject).toBe('Weekly report “Airline”, Week 47, 2026');
		expect(email!.textBody).toContain('No answers in Week 47, 2026.');
		expect(email!.textBody).toContain('/dashboard?language=de&granularity=month');
	});

	it('says so when a view no longer works, and sends nothing to deactivated users', async () => {
		const viewer = await addStaff(db, 'Vera', 'viewer');
		await subscribe({ frequency: 'monthly', view: `surveyId=${surveyId}` }, '2026-10-15T10:00:00Z');
		await subscribe({ frequency: 'monthly', view: '' }, '2026-10-15T10:00:00Z', viewer);
		await inTransaction(db, async (tx) => {
			await tx.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, viewer));
			await tx.update(surveys).set({ modelId: null }).where(eq(surveys.id, surveyId));
		});
		expect(await sendDueReports(db, new Date('2026-11-02T06:00:00Z'))).toBe(1);
		const [email] = await sentReports();
		expect(email!.textBody).toContain('This view no longer works');
		expect(email!.textBody).toContain(`No survey with a CSI model has the id ${surveyId}.`);
	});

	it('counts only the segment a scoped subscriber is limited to, as it is limited when sending', async () => {
		const viewer = await addStaff(db, 'Vera', 'viewer');
		const vip = (await saveSegment(db, { name: 'VIP', filter: { tags: ['vip'] }, userId: null }))
			.id;
		await subscribe({ frequency: 'monthly', view: '' }, '2026-11-15T10:00:00Z', viewer);
		await subscribe({ frequency: 'monthly', view: '' }, '2026-11-15T10:00:00Z');
		await setUserScope(db, viewer, vip, {});
		expect(await sendDueReports(db, new Date('2026-12-01T06:00:00Z'))).toBe(2);
		const byAddress = new Map((await sentReports()).map((email) => [email.toAddress, email]));
		// Ada, who answered, carries no VIP tag: the scoped report has nothing to count.
		expect(byAddress.get('vera@staff.test')!.textBody).toContain('No answers in Nov 2026.');
		expect(byAddress.get('olga@staff.test')!.subject).toContain('CSI 19.4');
	});

	it('lets only its subscriber cancel a report', async () => {
		const viewer = await addStaff(db, 'Vera', 'viewer');
		const id = await subscribe({ frequency: 'weekly', view: '' }, '2026-11-10T10:00:00Z');
		expect(await cancelReport(db, viewer, id)).toMatchObject({ ok: false, status: 404 });
		expect(await cancelReport(db, owner, id)).toEqual({ ok: true });
		expect(await listReportSubscriptions(db, owner)).toEqual([]);
	});

	it('refuses a view whose filters the dashboard does not understand', async () => {
		const parsed = reportSubscriptionSchema.safeParse({
			frequency: 'weekly',
			view: 'from=yesterday'
		});
		expect(parsed.success).toBe(false);
		expect(parsed.error?.issues[0]?.message).toBe(
			'The view’s filters are not valid; reload the dashboard and try again'
		);
	});
});
