import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { surveyDefinitionSchema } from '../../schemas/survey';
import { answerRows } from '../../surveys/answers';
import { saveClients } from '../clients/save';
import { saveSegment } from '../clients/segments';
import { clientInput } from '../clients/test-clients';
import type { Db } from '../db';
import { backgroundJobs, csiCells, surveyVersions } from '../db/schema';
import { createTestDatabase } from '../db/test-database';
import { recordResponse } from '../responses/record';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { latestRebuild, resumeRebuilds, startRebuild } from './rebuild';
import { cellsFromResponses } from './selection';

let db: Db;
let remove: () => void;
let answer: (clientId: number, rating: string) => void;

beforeEach(() => {
	({ db, remove } = createTestDatabase());
	const surveyId = openSurveyFromTemplate(db, 'airline-csi');
	const version = db.select().from(surveyVersions).where(eq(surveyVersions.surveyId, surveyId)).get()!;
	const definition = surveyDefinitionSchema.parse(version.definition);
	saveClients(db, [clientInput({ email: 'ada@example.com', tags: ['north'] }), clientInput({ email: 'bo@example.com', tags: ['south'] })], {
		onExisting: 'reject',
		actor: { userId: null },
		source: 'test'
	});
	answer = (clientId, rating) =>
		db.transaction((tx) =>
			recordResponse(tx, {
				surveyVersionId: version.id,
				definition,
				clientId,
				language: 'en',
				submittedAt: new Date('2026-03-02T10:00:00Z'),
				answers: answerRows(definition, { punctuality: rating, customs: rating, safety: rating, snacks: rating, overall: rating })
			})
		);
	for (let i = 0; i < 30; i++) answer(1 + (i % 2), String(1 + (i % 5)));
});

afterEach(() => remove());

const storedCells = () => new Map(db.select().from(csiCells).all().map((row) => [`${row.surveyVersionId}|${row.dimension}|${row.day}`, row.cell]));
const recomputed = () =>
	new Map(
		cellsFromResponses(db, { versionIds: db.select().from(surveyVersions).all().map(({ id }) => id), required: [] }, { prefix: '' }).map((row) => [
			`${row.surveyVersionId}|${row.dimension}|${row.day}`,
			row.cell
		])
	);

describe('rebuilding the CSI cells', () => {
	it('computes the cells of a database whose responses predate them, with progress to the end', async () => {
		const before = storedCells();
		db.delete(csiCells).run();
		resumeRebuilds(db);
		await waitForRebuild();
		expect(storedCells()).toEqual(before);
		expect(latestRebuild(db)).toMatchObject({ status: 'done', total: 30, done: 30 });
	});

	it('counts a response that arrives during the rebuild exactly once', async () => {
		const { done } = startRebuild(db, { kind: 'all' }, 'test');
		await new Promise((resolve) => setImmediate(resolve));
		answer(1, '5');
		await done;
		expect(storedCells()).toEqual(recomputed());
	});

	it('gives a new segment its past responses, from its clients’ current records', async () => {
		const { id } = saveSegment(db, { name: 'North', filter: { tags: ['north'] }, userId: null });
		expect(storedCells().has(`1|segment:${id}|2026-03-02`)).toBe(false);
		await startRebuild(db, { kind: 'segment', segmentId: id }, 'Segment “North” created').done;
		const north = storedCells().get(`1|segment:${id}|2026-03-02`)!;
		expect(Object.values(north.patterns).reduce((sum, pattern) => sum + pattern.n, 0)).toBe(15);
		expect(storedCells()).toEqual(recomputed());
	});

	it('redoes a rebuild cut short by a restart', async () => {
		db.insert(backgroundJobs).values({ kind: 'cells', reason: 'test', status: 'running', total: 30, done: 4, startedAt: new Date() }).run();
		resumeRebuilds(db);
		await waitForRebuild();
		const jobs = db.select().from(backgroundJobs).all();
		expect(jobs.map(({ status }) => status)).toEqual(['failed', 'done']);
	});
});

async function waitForRebuild() {
	await expect.poll(() => latestRebuild(db)?.status, { timeout: 5000, interval: 10 }).not.toBe('running');
}
