/**
 * How the dashboard writes its numbers. Anything undefined (no answers, no spread) is NaN or null
 * in the report and shows as a dash, never as 0.
 */
import { MIN_RELIABLE_N, type Change } from '$lib/analytics/report';

export const NO_NUMBER = '—';

const isNumber = (value: number | null | undefined): value is number =>
	typeof value === 'number' && Number.isFinite(value);

export function formatScore(value: number | null | undefined, digits = 1): string {
	return isNumber(value) ? value.toFixed(digits) : NO_NUMBER;
}

/** A signed difference with a real minus sign, which screen readers say as "minus". */
export function formatDelta(value: number | null | undefined, digits = 1): string {
	if (!isNumber(value)) return NO_NUMBER;
	const rounded = value.toFixed(digits);
	if (Number(rounded) === 0) return (0).toFixed(digits);
	return value > 0 ? `+${rounded}` : `−${rounded.slice(1)}`;
}

/** A correlation, with a real minus and no "−0.00". */
export function formatCorrelation(r: number | null | undefined): string {
	return formatDelta(r, 2).replace(/^\+/, '');
}

export function formatCi(
	low: number | null | undefined,
	high: number | null | undefined,
	digits = 1
): string {
	return isNumber(low) && isNumber(high)
		? `${low.toFixed(digits)}–${high.toFixed(digits)}`
		: NO_NUMBER;
}

/** A share of 1 as a percentage, e.g. 0.333 → "33%". */
export function formatShare(share: number | null | undefined, digits = 0): string {
	return isNumber(share) ? `${(share * 100).toFixed(digits)}%` : NO_NUMBER;
}

/** A difference of two shares in percentage points, signed: "+12%", "−3%", "0%". */
export const formatBalance = (share: number | null | undefined): string =>
	isNumber(share) ? `${formatDelta(share * 100, 0)}%` : NO_NUMBER;

export function formatPValue(p: number | null | undefined): string {
	if (!isNumber(p)) return NO_NUMBER;
	return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

export function formatCount(n: number): string {
	return n.toLocaleString('en');
}

/** A change in words, so significance never rests on colour: "significant (p adj 0.012)". */
export function significanceText(change: Change | null): string {
	if (!change) return 'not tested';
	if (!isNumber(change.pAdjusted)) return 'not testable (no spread)';
	return `${change.significant ? 'significant' : 'not significant'} (p adj ${formatPValue(change.pAdjusted)})`;
}

/** A trend table's change column: the test, or why there is none. */
export function periodChangeText(
	change: Change | null,
	period: { complete: boolean; n: number; first: boolean }
): string {
	if (change) return `${formatDelta(change.delta)}, ${significanceText(change)}`;
	if (period.n === 0) return 'no answers';
	if (!period.complete) return 'not tested until the period is complete';
	return period.first ? 'first period' : 'not tested';
}

/** A period in a trend table, marked when it is still running or cut by the range. */
export const trendPeriodLabel = (key: string, complete: boolean) =>
	complete ? periodLabel(key) : `${periodLabel(key)} (so far)`;

export function lowNReason(n: number): string {
	return n === 0
		? 'No answers'
		: `Only ${formatCount(n)} ${n === 1 ? 'answer' : 'answers'} (fewer than ${MIN_RELIABLE_N}): treat as unreliable`;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A period key as people say it: `2026-03` → "Mar 2026", `2026-Q1` → "Q1 2026", `2026-W09` → "Week 9, 2026". */
export function periodLabel(key: string): string {
	const week = /^(\d{4})-W(\d{2})$/.exec(key);
	if (week) return `Week ${Number(week[2])}, ${week[1]}`;
	const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
	if (quarter) return `Q${quarter[2]} ${quarter[1]}`;
	const month = /^(\d{4})-(\d{2})$/.exec(key);
	if (month) return `${months[Number(month[2]) - 1] ?? month[2]} ${month[1]}`;
	return key;
}

const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

export function formatDay(date: Date): string {
	return day.format(date);
}
