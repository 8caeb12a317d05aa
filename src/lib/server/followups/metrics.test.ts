import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../db';
import { followupCases } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { openCasesForResponses } from './cases';
import { followupMetrics } from './metrics';
import { addClient, addStaff, respond } from './test-followups';
import { updateCase } from './workflow';
import { inTransaction } from '../db/transaction';

let db: Db;
let remove: () => Promise<void>;
let airline: number;
const HOUR = 3_600_000;
const monday = new Date('2026-03-02T09:00:00Z');
const later = (hours: number) => new Date(monday.getTime() + hours * HOUR);
const mark = { userId: 'user-mark', name: 'Mark' };

beforeEach(async () => {
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(monday);
	({ db, remove } = await openTestDatabase());
	await addStaff(db, 'Mark');
	// Weights: punctuality 3, customs 2, safety 3, snacks 1.
	airline = await openSurveyFromTemplate(db, 'airline-csi');
});
afterEach(async () => {
	await remove();
	vi.useRealTimers();
});

const flight = (p: string, c: string, s: string, n: string, overall: string) => ({
	punctuality: p,
	customs: c,
	safety: s,
	snacks: n,
	overall
});

/** A case opened by this answer at `hours`, for the client. */
async function caseFor(
	clientId: number | null,
	answers: Record<string, string>,
	hours = 0
): Promise<number> {
	vi.setSystemTime(later(hours));
	const responded = await respond(db, airline, { clientId, answers });
	const [id] = await inTransaction(db, (tx) => openCasesForResponses(tx, [responded]));
	return id ?? (await db.select().from(followupCases).orderBy(followupCases.id)).at(-1)!.id;
}

async function resolve(caseId: number, hours: number) {
	vi.setSystemTime(later(hours));
	await updateCase(db, caseId, { status: 'resolved', note: 'Called back.' }, mark);
}

describe('follow-up metrics from the database', () => {
	it('compare the CSI of the client’s next answer after the resolution with the one that opened the case', async () => {
		const anna = await addClient(db, 'anna@example.com', 'Mark');
		const bo = await addClient(db, 'bo@example.com', 'Mark');
		const cy = await addClient(db, 'cy@example.com', 'Mark');

		// Anna: all 1s (CSI 0), resolved; her next flight is all 3s (CSI 50): +50.
		const annaCase = await caseFor(anna, flight('1', '1', '1', '1', '1'));
		await respond(db, airline, {
			clientId: anna,
			answers: flight('5', '5', '5', '5', '5'),
			submittedAt: later(1)
		}); // before the resolution: not counted
		await resolve(annaCase, 2);
		await respond(db, airline, {
			clientId: anna,
			answers: flight('3', '3', '3', '3', '4'),
			submittedAt: later(30)
		});
		await respond(db, airline, {
			clientId: anna,
			answers: flight('5', '5', '5', '5', '5'),
			submittedAt: later(40)
		}); // not her next one

		// Bo: all 3s but overall 1 (CSI 50), resolved; next: 2, n/a, 2, 2 (CSI 25): −25.
		const boCase = await caseFor(bo, flight('3', '3', '3', '3', '1'));
		await resolve(boCase, 3);
		await respond(db, airline, {
			clientId: bo,
			answers: flight('2', 'na', '2', '2', '3'),
			submittedAt: later(50)
		});

		// Cy answered again but the case is still open; an anonymous case has nobody to hear from.
		await caseFor(cy, flight('1', '1', '1', '1', '1'));
		await respond(db, airline, {
			clientId: cy,
			answers: flight('5', '5', '5', '5', '5'),
			submittedAt: later(60)
		});
		await resolve(await caseFor(null, flight('1', '1', '1', '1', '1')), 4);

		vi.setSystemTime(later(100));
		expect((await followupMetrics(db)).recovery).toEqual({
			n: 2,
			improved: 1,
			share: 0.5,
			meanChange: 12.5
		});
	});

	it('count cases opened in the range only, with times as of now', async () => {
		const anna = await addClient(db, 'anna@example.com', 'Mark');
		const early = await caseFor(anna, flight('1', '1', '1', '1', '1'));
		vi.setSystemTime(later(1));
		await updateCase(db, early, { comment: 'Called, no answer.' }, mark);
		await resolve(early, 10);
		await caseFor(anna, flight('1', '1', '1', '1', '1'), 24);

		const all = await followupMetrics(db, {}, later(100));
		expect(all.cases).toMatchObject({
			total: 2,
			active: 1,
			overdue: 1,
			firstAction: { medianMs: HOUR, n: 1 },
			resolve: { medianMs: 10 * HOUR, n: 1 },
			withinSla: { share: 1, onTime: 1, n: 1 }
		});
		expect((await followupMetrics(db, { from: later(12) }, later(100))).cases).toMatchObject({
			total: 1,
			active: 1,
			resolve: { n: 0 }
		});
	});
});
