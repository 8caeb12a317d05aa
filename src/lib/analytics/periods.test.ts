import { describe, expect, it } from 'vitest';
import {
	lastCompletePeriod,
	periodCoverage,
	periodEnd,
	periodOf,
	periodsBetween,
	periodStart
} from './periods';

describe('periods of days', () => {
	it('groups days by month and quarter', () => {
		expect(periodOf('2026-03-31', 'month')).toBe('2026-03');
		expect(periodOf('2026-03-31', 'quarter')).toBe('2026-Q1');
		expect(periodOf('2026-10-01', 'quarter')).toBe('2026-Q4');
	});

	it('uses ISO weeks, which may belong to the neighbouring year', () => {
		expect(periodOf('2026-01-01', 'week')).toBe('2026-W01'); // a Thursday
		expect(periodOf('2027-01-01', 'week')).toBe('2026-W53'); // a Friday: week of Thursday 31 Dec 2026
		expect(periodOf('2024-12-30', 'week')).toBe('2025-W01'); // a Monday
		expect(periodOf('2026-11-22', 'week')).toBe('2026-W47'); // a Sunday
	});

	it('finds the first day of a period', () => {
		expect(periodStart('2026-W01')).toBe('2025-12-29');
		expect(periodStart('2026-W47')).toBe('2026-11-16');
		expect(periodStart('2026-Q4')).toBe('2026-10-01');
		expect(periodStart('2026-03')).toBe('2026-03-01');
	});
});

describe('period spans', () => {
	it('finds the last day of weeks, months (leap years too) and quarters', () => {
		expect(periodEnd('2026-W47')).toBe('2026-11-22');
		expect(periodEnd('2026-W53')).toBe('2027-01-03');
		expect(periodEnd('2024-02')).toBe('2024-02-29');
		expect(periodEnd('2026-12')).toBe('2026-12-31');
		expect(periodEnd('2026-Q4')).toBe('2026-12-31');
	});

	it('lists every period between two, so empty ones are gaps and not skipped', () => {
		expect(periodsBetween('2024-05', '2024-08', 'month')).toEqual([
			'2024-05',
			'2024-06',
			'2024-07',
			'2024-08'
		]);
		expect(periodsBetween('2026-Q4', '2027-Q2', 'quarter')).toEqual([
			'2026-Q4',
			'2027-Q1',
			'2027-Q2'
		]);
		expect(periodsBetween('2026-W52', '2027-W02', 'week')).toEqual([
			'2026-W52',
			'2026-W53',
			'2027-W01',
			'2027-W02'
		]);
		expect(periodsBetween('2026-05', '2026-05', 'month')).toEqual(['2026-05']);
		expect(periodsBetween('2026-06', '2026-05', 'month')).toEqual([]);
	});

	it('calls a period complete only when it has ended and the range holds all of it', () => {
		const today = '2026-12-02';
		expect(periodCoverage('2026-11', { today })).toEqual({
			complete: true,
			running: false,
			days: 30,
			daysCovered: 30
		});
		// December on its second day: running, two days seen.
		expect(periodCoverage('2026-12', { today })).toEqual({
			complete: false,
			running: true,
			days: 31,
			daysCovered: 2
		});
		// A range ending mid-month, or starting mid-month, cuts the month.
		expect(periodCoverage('2026-06', { today, to: '2026-06-15' })).toMatchObject({
			complete: false,
			running: false,
			daysCovered: 15
		});
		expect(periodCoverage('2026-06', { today, from: '2026-06-11' })).toMatchObject({
			complete: false,
			daysCovered: 20
		});
		expect(
			periodCoverage('2026-06', { today, from: '2026-06-01', to: '2026-06-30' }).complete
		).toBe(true);
	});

	it('finds the last complete week and month, which a report speaks of', () => {
		expect(lastCompletePeriod('2026-12-03', 'month')).toBe('2026-11');
		expect(lastCompletePeriod('2026-12-01', 'month')).toBe('2026-11');
		expect(lastCompletePeriod('2026-01-15', 'month')).toBe('2025-12');
		// Thursday 3 Dec 2026 is in week 49; week 48 ended on Sunday 29 Nov.
		expect(lastCompletePeriod('2026-12-03', 'week')).toBe('2026-W48');
		expect(lastCompletePeriod('2026-11-30', 'week')).toBe('2026-W48');
	});
});
