/**
 * The slices the dashboard can filter and group by. Each response adds to the cell of every
 * dimension it had when submitted: `''` (everyone), `segment:3`, `tag:vip`, `manager:<id>`, `language:de`.
 */
export const EVERYONE = '';

export const dimensionKinds = ['segment', 'tag', 'manager', 'language'] as const;
export type DimensionKind = (typeof dimensionKinds)[number];

export const dimension = (kind: DimensionKind, value: string | number) => `${kind}:${value}`;

/** The value of a dimension of the given kind, or null for another kind. */
export function dimensionValue(kind: DimensionKind, name: string): string | null {
	return name.startsWith(`${kind}:`) ? name.slice(kind.length + 1) : null;
}

/** The client as they were when answering (segments, tags, account manager, annual value). */
export type ResponseContext = {
	segments?: number[];
	tags?: string[];
	manager?: string | null;
	annualValue?: number | null;
};

export function dimensionsOf(context: ResponseContext, language: string): string[] {
	return [
		EVERYONE,
		...(context.segments ?? []).map((id) => dimension('segment', id)),
		...(context.tags ?? []).map((tag) => dimension('tag', tag.toLowerCase())),
		dimension('manager', context.manager ?? 'none'),
		dimension('language', language)
	];
}

/**
 * Between the two members of a pair: a control character, since tag names may hold any printable
 * one. Pairs ("tag:vip within segment:3") make a filter combined with a comparison, or two
 * filters, readable from stored cells too.
 */
export const PAIR_SEPARATOR = '\u001f';

export const pairDimension = (a: string, b: string) =>
	a < b ? `${a}${PAIR_SEPARATOR}${b}` : `${b}${PAIR_SEPARATOR}${a}`;

/** Every pair of a response's dimensions (everyone left out: a pair with it is the other member alone). */
export function dimensionPairs(dimensions: string[]): string[] {
	const members = dimensions.filter((name) => name !== EVERYONE);
	return members.flatMap((a, i) => members.slice(i + 1).map((b) => pairDimension(a, b)));
}
