/** A package word list onto the AFINN scale, without the entries too weak to matter (SentiCon's many ±0.004). */
export function scaledList(list: Record<string, number>, factor: number): Map<string, number> {
	const scaled = new Map<string, number>();
	for (const [key, value] of Object.entries(list)) {
		const score = value * factor;
		if (Math.abs(score) >= 0.5) scaled.set(key, score);
	}
	return scaled;
}
