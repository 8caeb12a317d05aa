import { describe, expect, it } from 'vitest';
import { addBusinessDays } from './business-days';

// 2026-03-02 is a Monday.
const at = (iso: string) => new Date(iso);

describe('due dates in business days', () => {
	it('counts weekdays only: Monday plus two is Wednesday, at the same time of day', () => {
		expect(addBusinessDays(at('2026-03-02T09:30:00Z'), 2)).toEqual(at('2026-03-04T09:30:00Z'));
	});

	it('skips the weekend: Friday afternoon plus two is Tuesday afternoon', () => {
		expect(addBusinessDays(at('2026-03-06T15:00:00Z'), 2)).toEqual(at('2026-03-10T15:00:00Z'));
		expect(addBusinessDays(at('2026-03-05T15:00:00Z'), 2)).toEqual(at('2026-03-09T15:00:00Z'));
	});

	it('counts a case opened at the weekend from Monday', () => {
		expect(addBusinessDays(at('2026-03-07T11:00:00Z'), 1)).toEqual(at('2026-03-09T11:00:00Z'));
		expect(addBusinessDays(at('2026-03-08T23:00:00Z'), 2)).toEqual(at('2026-03-10T23:00:00Z'));
	});

	it('spans whole weeks: ten business days are two calendar weeks', () => {
		expect(addBusinessDays(at('2026-03-04T08:00:00Z'), 10)).toEqual(at('2026-03-18T08:00:00Z'));
		expect(addBusinessDays(at('2026-03-04T08:00:00Z'), 30)).toEqual(at('2026-04-15T08:00:00Z'));
	});

	it('uses UTC weekdays, whatever the server’s time zone', () => {
		// Friday 23:30 UTC is already Saturday in Helsinki; the SLA still counts from the UTC Friday.
		expect(addBusinessDays(at('2026-03-06T23:30:00Z'), 1)).toEqual(at('2026-03-09T23:30:00Z'));
	});
});
