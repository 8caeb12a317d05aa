import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../db/test-database';
import { createJob, JobStopped, latestJob, runJob } from './jobs';

let test: TestDatabase;
beforeEach(async () => {
	test = await openTestDatabase();
});
afterEach(() => test.remove());

describe('a job run by runJob', () => {
	it('ends done when its work does', async () => {
		const job = await createJob(test.db, 'cells', { code: 'firstCellsComputation' }, 1);
		await runJob(test.db, job.id, async () => {});
		expect(await latestJob(test.db, 'cells')).toMatchObject({ status: 'done', failure: null });
	});

	it('ends failed with the reason, and the caller hears of it', async () => {
		const job = await createJob(
			test.db,
			'reviews',
			{ code: 'reviewImport', params: { origin: { kind: 'file', name: 'reviews.csv' } } },
			1
		);
		await expect(
			runJob(test.db, job.id, async () => {
				throw new Error('disk full');
			})
		).rejects.toThrow('disk full');
		expect(await latestJob(test.db, 'reviews')).toMatchObject({
			status: 'failed',
			failure: 'disk full'
		});
	});

	it('in the background, ends failed and logs the failure instead of throwing it', async () => {
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		const job = await createJob(test.db, 'sentiment', { code: 'scorerChanged' }, 1);
		await runJob(
			test.db,
			job.id,
			async () => {
				throw new Error('bad lexicon');
			},
			{ background: 'Re-scoring sentiment' }
		);
		expect(await latestJob(test.db, 'sentiment')).toMatchObject({ status: 'failed' });
		expect(logged).toHaveBeenCalledWith('Re-scoring sentiment failed:', expect.any(Error));
		logged.mockRestore();
	});

	it('stays running when stopped on purpose, for the next start to redo', async () => {
		const job = await createJob(test.db, 'cells', { code: 'firstCellsComputation' }, 1);
		await runJob(test.db, job.id, async () => {
			throw new JobStopped();
		});
		expect(await latestJob(test.db, 'cells')).toMatchObject({ status: 'running' });
	});
});
