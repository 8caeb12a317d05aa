import { describe, expect, it } from 'vitest';
import { caseMetrics, durationText, median, recoveryRate, type CaseTimes } from './metrics';

const HOUR = 3_600_000;
const t0 = new Date('2026-03-02T09:00:00Z');
const after = (hours: number) => new Date(t0.getTime() + hours * HOUR);
const now = after(100);

const kase = (fields: Partial<CaseTimes>): CaseTimes => ({
	status: 'open',
	createdAt: t0,
	dueAt: after(48),
	firstActionAt: null,
	resolvedAt: null,
	...fields
});

describe('follow-up metrics', () => {
	it('take the median as the middle value, or the mean of the two middle ones', () => {
		expect(median([])).toBeNull();
		expect(median([5])).toBe(5);
		expect(median([9, 1, 4])).toBe(4);
		expect(median([10, 2, 4, 8])).toBe(6);
	});

	it('count open, in-progress and overdue cases; closed cases are never overdue', () => {
		const metrics = caseMetrics(
			[
				kase({}), // open, due at 48 h, now is 100 h: overdue
				kase({ status: 'in_progress', dueAt: after(200) }),
				kase({ status: 'in_progress', dueAt: after(50) }), // overdue
				kase({ status: 'resolved', resolvedAt: after(60), dueAt: after(48) }),
				kase({ status: 'wont_fix', resolvedAt: after(70), dueAt: after(48) })
			],
			now
		);
		expect(metrics).toMatchObject({ total: 5, active: 3, inProgress: 2, overdue: 2 });
	});

	it('time the first action over cases acted on, and resolution over resolved cases only', () => {
		const metrics = caseMetrics(
			[
				kase({ firstActionAt: after(1) }),
				kase({ firstActionAt: after(3), status: 'resolved', resolvedAt: after(10) }),
				kase({ firstActionAt: after(8), status: 'resolved', resolvedAt: after(30) }),
				kase({ firstActionAt: after(2), status: 'wont_fix', resolvedAt: after(5) }),
				kase({})
			],
			now
		);
		// First actions 1, 3, 8, 2 h → median (2 + 3) / 2 = 2.5 h; resolutions 10 and 30 h → 20 h.
		expect(metrics.firstAction).toEqual({ medianMs: 2.5 * HOUR, n: 4 });
		expect(metrics.resolve).toEqual({ medianMs: 20 * HOUR, n: 2 });
	});

	it('count a case resolved by its due date as within the SLA', () => {
		const metrics = caseMetrics(
			[
				kase({ status: 'resolved', resolvedAt: after(48), dueAt: after(48) }),
				kase({ status: 'resolved', resolvedAt: after(10), dueAt: after(48) }),
				kase({ status: 'resolved', resolvedAt: after(49), dueAt: after(48) }),
				kase({ status: 'wont_fix', resolvedAt: after(1), dueAt: after(48) })
			],
			now
		);
		expect(metrics.withinSla).toEqual({ share: 2 / 3, onTime: 2, n: 3 });
		expect(caseMetrics([], now).withinSla).toEqual({ share: null, onTime: 0, n: 0 });
	});

	it('give the recovery rate as the share of next responses with a higher CSI, and the mean change', () => {
		// Changes +50, +25, −25, 0 → 2 of 4 improved, mean +12.5 points.
		expect(
			recoveryRate([
				{ before: 0, after: 50 },
				{ before: 25, after: 50 },
				{ before: 50, after: 25 },
				{ before: 75, after: 75 }
			])
		).toEqual({
			n: 4,
			improved: 2,
			share: 0.5,
			meanChange: 12.5
		});
		expect(recoveryRate([])).toEqual({ n: 0, improved: 0, share: null, meanChange: null });
	});

	it('say durations as people do', () => {
		expect(durationText(null)).toBe('—');
		expect(durationText(20 * 60_000)).toBe('20 min');
		expect(durationText(2.5 * HOUR)).toBe('2.5 h');
		expect(durationText(60 * HOUR)).toBe('2.5 days');
	});
});
