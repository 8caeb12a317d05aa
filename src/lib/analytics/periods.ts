/** Calendar periods of UTC days (`YYYY-MM-DD`), for trends by week, month or quarter. */
import { DAY_MS, utcDay } from '../dates';

export const granularities = ['week', 'month', 'quarter'] as const;
export type Granularity = (typeof granularities)[number];

/** ISO 8601 week (`2026-W09`): weeks start on Monday and belong to the year of their Thursday. */
function isoWeek(day: string): string {
	const date = new Date(`${day}T00:00:00Z`);
	const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * DAY_MS);
	const year = thursday.getUTCFullYear();
	const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
	return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The period a day falls in: `2026-W09`, `2026-03` or `2026-Q1`; keys sort in time order. */
export function periodOf(day: string, granularity: Granularity): string {
	if (granularity === 'week') return isoWeek(day);
	if (granularity === 'month') return day.slice(0, 7);
	return `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;
}

/** The first day of a period key, for placing it on a time axis. */
export function periodStart(period: string): string {
	const week = /^(\d{4})-W(\d{2})$/.exec(period);
	if (week) {
		const jan4 = Date.UTC(Number(week[1]), 0, 4);
		const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
		return utcDay(mondayOfWeek1 + (Number(week[2]) - 1) * 7 * DAY_MS);
	}
	const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
	if (quarter)
		return `${quarter[1]}-${String((Number(quarter[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
	return `${period}-01`;
}

const addDays = (day: string, days: number) =>
	utcDay(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);

const daysFrom = (first: string, last: string) =>
	Math.round((Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / DAY_MS) + 1;

/** The last day of a period key. */
export function periodEnd(period: string): string {
	const start = periodStart(period);
	if (/-W\d{2}$/.test(period)) return addDays(start, 6);
	const months = /-Q[1-4]$/.test(period) ? 3 : 1;
	const date = new Date(`${start}T00:00:00Z`);
	return utcDay(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1) - DAY_MS);
}

/** Every period from `first` to `last`, both included, so a trend's empty periods stay visible as gaps. */
export function periodsBetween(first: string, last: string, granularity: Granularity): string[] {
	const periods: string[] = [];
	for (let day = periodStart(first); ; day = addDays(periodEnd(periods.at(-1)!), 1)) {
		const period = periodOf(day, granularity);
		if (period > last) break;
		periods.push(period);
	}
	return periods;
}

/** The running period, or one the range cuts, as the dashboard says it: "so far", days seen of how many. */
export type PartialPeriod = { key: string; running: boolean; days: number; daysCovered: number };

/** What a view covers: an inclusive day range (either end open) seen on `today`. */
export type Coverage = { today: string; from?: string | undefined; to?: string | undefined };

/**
 * How much of a period a view has seen. A period is complete when the range holds all of it and
 * it has ended; the running period (or one cut by the range) is not, and is never tested or alarmed on.
 */
export function periodCoverage(
	period: string,
	{ today, from, to }: Coverage
): { complete: boolean; running: boolean; days: number; daysCovered: number } {
	const start = periodStart(period);
	const end = periodEnd(period);
	const first = from && from > start ? from : start;
	const lastSeen = [end, to, today].filter((day): day is string => !!day).sort()[0]!;
	return {
		complete: first === start && lastSeen === end && end < today,
		running: start <= today && today <= end,
		days: daysFrom(start, end),
		daysCovered: Math.max(0, daysFrom(first, lastSeen))
	};
}

/** The last period that has ended by `today`: the one a weekly or monthly report speaks of. */
export function lastCompletePeriod(today: string, granularity: Granularity): string {
	return periodOf(addDays(periodStart(periodOf(today, granularity)), -1), granularity);
}
