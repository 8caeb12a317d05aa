/*
 * The order in which one respondent sees a shuffled question's options. Derived from a seed that
 * stays with the respondent (their invitation's token and the question's id), so a reload or a
 * return to an earlier page shows the same order, with no order to store. Answers name option ids,
 * so the order never reaches the analytics.
 */

/** cyrb53-style string hash, folded to 32 bits: spreads similar seeds (`…:q1`, `…:q2`) far apart. */
function seedNumber(seed: string): number {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < seed.length; i++) {
		const code = seed.charCodeAt(i);
		h1 = Math.imul(h1 ^ code, 2654435761);
		h2 = Math.imul(h2 ^ code, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return (h1 ^ h2) >>> 0;
}

/** mulberry32: a small, well-mixed 32-bit generator; numbers in [0, 1). */
function generator(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** The items in an order of the seed's own (Fisher–Yates); the same seed always gives the same order. */
export function seededOrder<T>(items: readonly T[], seed: string): T[] {
	const random = generator(seedNumber(seed));
	const order = [...items];
	for (let i = order.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[order[i], order[j]] = [order[j]!, order[i]!];
	}
	return order;
}

/** A question's options as this respondent sees them: shuffled by their seed when the question asks for it. */
export function optionsInOrder<O>(
	question: { id: string; options: readonly O[]; shuffleOptions?: boolean },
	respondentSeed: string | undefined
): readonly O[] {
	if (!question.shuffleOptions || respondentSeed === undefined) return question.options;
	return seededOrder(question.options, `${respondentSeed}:${question.id}`);
}
