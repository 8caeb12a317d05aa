/** Runs async work one piece at a time, in the order it was asked for. */
export type FifoLock = { run: <T>(work: () => Promise<T>) => Promise<T> };

export function fifoLock(): FifoLock {
	// Each piece starts when the one asked for before it has settled, whether it failed or not.
	let last: Promise<unknown> = Promise.resolve();
	return {
		run(work) {
			const result = last.then(work);
			last = result.catch(() => undefined);
			return result;
		}
	};
}
