/**
 * How the dashboard writes its numbers. Anything undefined (no answers, no spread) is NaN or null
 * in the report and shows as a dash, never as 0.
 */
import * as m from '$lib/paraglide/messages';
import { MIN_RELIABLE_N, type Change } from '$lib/analytics/report';
import {
	formatDate,
	formatMonth,
	formatNumber,
	formatPercent,
	formatPercentage as percentage
} from '$lib/i18n/format';

export const NO_NUMBER = '—';

const isNumber = (value: number | null | undefined): value is number =>
	typeof value === 'number' && Number.isFinite(value);

export function formatScore(value: number | null | undefined, digits = 1): string {
	return isNumber(value) ? formatNumber(value, digits) : NO_NUMBER;
}

/** The magnitude of a value signed with a real minus sign, which screen readers say as "minus"; no "−0.0". */
function signed(value: number, digits: number, magnitude: string): string {
	if (Number(value.toFixed(digits)) === 0) return magnitude;
	return `${value > 0 ? '+' : '−'}${magnitude}`;
}

/** A signed difference: "+3.3", "−1.5", "0.0". */
export function formatDelta(value: number | null | undefined, digits = 1): string {
	return isNumber(value) ? signed(value, digits, formatNumber(Math.abs(value), digits)) : NO_NUMBER;
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
		? `${formatNumber(low, digits)}–${formatNumber(high, digits)}`
		: NO_NUMBER;
}

/** A share of 1 as a percentage, e.g. 0.333 → "33%". */
export function formatShare(share: number | null | undefined, digits = 0): string {
	return isNumber(share) ? formatPercent(share, digits) : NO_NUMBER;
}

/** A percentage the report gives on 0–100, such as a top-2-box: 57.5 → "58%". */
export function formatPercentage(value: number | null | undefined, digits = 0): string {
	return isNumber(value) ? percentage(value, digits) : NO_NUMBER;
}

/** A difference of two shares in percentage points, signed: "+12%", "−3%", "0%". */
export const formatBalance = (share: number | null | undefined): string =>
	isNumber(share) ? signed(share * 100, 0, formatPercent(Math.abs(share))) : NO_NUMBER;

export function formatPValue(p: number | null | undefined): string {
	if (!isNumber(p)) return NO_NUMBER;
	return p < 0.001 ? `< ${formatNumber(0.001, 3)}` : formatNumber(p, 3);
}

export function formatCount(n: number): string {
	return formatNumber(n);
}

/** A change in words, so significance never rests on colour: "significant (p adj 0.012)". */
export function significanceText(change: Change | null): string {
	if (!change) return m.dashboard_format_not_tested();
	if (!isNumber(change.pAdjusted)) return m.dashboard_format_not_testable();
	const p = formatPValue(change.pAdjusted);
	return change.significant
		? m.dashboard_format_significant({ p })
		: m.dashboard_format_not_significant({ p });
}

/** A trend table's change column: the test, or why there is none. */
export function periodChangeText(
	change: Change | null,
	period: { complete: boolean; n: number; first: boolean }
): string {
	if (change)
		return m.dashboard_format_change({
			delta: formatDelta(change.delta),
			test: significanceText(change)
		});
	if (period.n === 0) return m.dashboard_format_no_answers();
	if (!period.complete) return m.dashboard_format_incomplete();
	return period.first ? m.dashboard_format_first_period() : m.dashboard_format_not_tested();
}

/** A period in a trend table, marked when it is still running or cut by the range. */
export const trendPeriodLabel = (key: string, complete: boolean) =>
	complete ? periodLabel(key) : m.dashboard_format_so_far({ period: periodLabel(key) });

export function lowNReason(n: number): string {
	return n === 0
		? m.dashboard_format_no_answers_reason()
		: m.dashboard_format_few_answers({ count: n, min: MIN_RELIABLE_N });
}

/** A period key as people say it: `2026-03` → "Mar 2026", `2026-Q1` → "Q1 2026", `2026-W09` → "Week 9, 2026". */
export function periodLabel(key: string): string {
	const week = /^(\d{4})-W(\d{2})$/.exec(key);
	if (week) return m.dashboard_format_week({ week: Number(week[2]), year: week[1]! });
	const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
	if (quarter) return m.dashboard_format_quarter({ quarter: quarter[2]!, year: quarter[1]! });
	return formatMonth(key);
}

/** The dashboard's days are UTC days, as its periods are. */
export function formatDay(date: Date): string {
	return formatDate(date, { utc: true });
}
