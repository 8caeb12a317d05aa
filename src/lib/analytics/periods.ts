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
