import { DAY_MS } from '../dates';

const isWeekend = (time: number) => {
	const weekday = new Date(time).getUTCDay();
	return weekday === 0 || weekday === 6;
};

/**
 * `start` moved forward by `days` working days (Monday to Friday, UTC), at the same time of day.
 * A case opened on Friday afternoon with a two-day SLA is due on Tuesday afternoon; one opened at
 * the weekend counts from Monday. Public holidays are not known, so they count as working days.
 */
export function addBusinessDays(start: Date, days: number): Date {
	let time = start.getTime();
	for (let left = days; left > 0;) {
		time += DAY_MS;
		if (!isWeekend(time)) left -= 1;
	}
	return new Date(time);
}
