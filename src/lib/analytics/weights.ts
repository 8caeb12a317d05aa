/**
 * Factor weights, per ../shared/DOMAIN.md: stated weights are any positive numbers and count
 * by their share of the total; derived weights come from clients' importance answers,
 * w_f = mean importance_f / Σ mean importance.
 */
export type Weighted<K extends string = string> = { key: K; weight: number };

/** Each weight's share of the total (they sum to 1). */
export function weightShares<T extends { weight: number }>(
	weights: T[]
): (T & { share: number })[] {
	const total = weights.reduce((sum, { weight }) => sum + weight, 0);
	if (!(total > 0)) throw new RangeError('Weights must be positive numbers.');
	return weights.map((entry) => ({ ...entry, share: entry.weight / total }));
}

/** Weights from the mean importance clients gave each factor; factors nobody rated are left out. */
export function derivedWeights<K extends string>(
	meanImportance: Partial<Record<K, number | null>>
): Weighted<K>[] {
	const rated = (Object.entries(meanImportance) as [K, number | null | undefined][]).filter(
		(entry): entry is [K, number] => typeof entry[1] === 'number' && entry[1] > 0
	);
	const total = rated.reduce((sum, [, mean]) => sum + mean, 0);
	return rated.map(([key, mean]) => ({ key, weight: mean / total }));
}
