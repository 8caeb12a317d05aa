import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { workerProblem } from './heartbeat';
import { repeatEvery } from './loop';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('a task repeated by repeatEvery', () => {
	it('does not start again while its previous round is still awaiting', async () => {
		let started = 0;
		let finish = () => {};
		const stop = repeatEvery('slow task', 100, () => {
			started += 1;
			return new Promise<void>((resolve) => (finish = resolve));
		});
		await vi.advanceTimersByTimeAsync(1000);
		expect(started).toBe(1);
		finish();
		await vi.advanceTimersByTimeAsync(100);
		expect(started).toBe(2);
		stop();
	});

	it('logs a failed round and tries again at the next one', async () => {
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		let started = 0;
		const stop = repeatEvery('failing task', 100, async () => {
			started += 1;
			throw new Error('database busy');
		});
		await vi.advanceTimersByTimeAsync(250);
		expect(started).toBe(2);
		expect(logged).toHaveBeenCalledWith('The failing task round failed:', expect.any(Error));
		logged.mockRestore();
		stop();
	});

	it('tells health of each round it finishes, and of none while a round hangs', async () => {
		let hang = false;
		const stop = repeatEvery('watched task', 1000, () =>
			hang ? new Promise<void>(() => {}) : Promise.resolve()
		);
		await vi.advanceTimersByTimeAsync(1000);
		expect(workerProblem('watched task')).toBeNull();
		hang = true;
		await vi.advanceTimersByTimeAsync(1000 + 2 * 60_000);
		expect(workerProblem('watched task')).toMatchObject({ kind: 'stalled', everySeconds: 1 });
		stop();
	});
});
