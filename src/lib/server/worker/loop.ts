import { workerHeartbeat, type WorkerName } from './heartbeat';
import { withoutData } from '../log-safe';

/**
 * Runs `round` every `everyMs`, one round at a time (a slow round makes the next wait, never
 * overlap), for as long as the process runs; health hears of every round finished. A failed
 * round is logged and the next one tries again. Returns a function that stops it.
 */
export function repeatEvery(
	name: WorkerName,
	everyMs: number,
	round: () => unknown | Promise<unknown>
): () => void {
	let busy = false;
	const roundFinished = workerHeartbeat(name, everyMs);
	const timer = setInterval(() => {
		if (busy) return;
		busy = true;
		Promise.resolve()
			.then(round)
			.then(roundFinished)
			.catch((error: unknown) => console.error(`The ${name} round failed:`, withoutData(error)))
			.finally(() => (busy = false));
	}, everyMs);
	// A worker never keeps a process alive that has nothing else to do.
	timer.unref();
	return () => clearInterval(timer);
}
