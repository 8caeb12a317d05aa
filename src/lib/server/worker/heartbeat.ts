/*
 * When each background worker of this process last finished a round, so that health can tell a
 * working worker from a stopped or stuck one (a round that never ends, or fails every time).
 */

/** A queue worker (mail, webhooks) or a periodic task (campaigns, reminders, …). */
export type WorkerName = string;

const MINUTE = 60_000;
const heartbeats = new Map<WorkerName, { everyMs: number; lastRoundAt: number }>();

/** Registers a worker that starts a round every `everyMs`; it calls the function returned after each round it finishes. */
export function workerHeartbeat(name: WorkerName, everyMs: number): () => void {
	const heartbeat = { everyMs, lastRoundAt: Date.now() };
	heartbeats.set(name, heartbeat);
	return () => {
		heartbeat.lastRoundAt = Date.now();
	};
}

/**
 * Ten rounds without one finished, and at least two minutes: a round may send a whole batch of
 * mail to a slow server, or wait its turn for the database behind another process.
 */
const stalledAfterMs = (everyMs: number) => Math.max(10 * everyMs, 2 * MINUTE);

/** What keeps a worker from doing its job, for health to word. */
export type WorkerProblem =
	{ kind: 'notRunning' } | { kind: 'stalled'; silentSeconds: number; everySeconds: number };

/** Why the worker is not doing its job; null when it finished a round recently. */
export function workerProblem(name: WorkerName, now = Date.now()): WorkerProblem | null {
	const heartbeat = heartbeats.get(name);
	if (!heartbeat) return { kind: 'notRunning' };
	const silentMs = now - heartbeat.lastRoundAt;
	if (silentMs <= stalledAfterMs(heartbeat.everyMs)) return null;
	return {
		kind: 'stalled',
		silentSeconds: Math.round(silentMs / 1000),
		everySeconds: heartbeat.everyMs / 1000
	};
}
