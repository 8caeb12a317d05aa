/**
 * Fixed-window request counter per caller. Kept in memory: a restart forgives callers, which is
 * acceptable for API fairness (sign-in throttling, which guards passwords, lives in the database).
 */
export function createRateLimiter(limit: number, windowMs = 60_000) {
	const windows = new Map<string, { startedAt: number; count: number }>();

	return function take(
		caller: string,
		now = Date.now()
	): { allowed: boolean; retryAfterSeconds: number } {
		let window = windows.get(caller);
		if (!window || now - window.startedAt >= windowMs) {
			window = { startedAt: now, count: 0 };
			windows.set(caller, window);
		}
		window.count += 1;
		const retryAfterSeconds = Math.ceil((window.startedAt + windowMs - now) / 1000);
		return { allowed: window.count <= limit, retryAfterSeconds };
	};
}
