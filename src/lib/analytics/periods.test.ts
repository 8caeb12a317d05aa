import { describe, expect, it } from 'vitest';
import { periodOf, periodStart } from './periods';

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
