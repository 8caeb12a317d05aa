import { describe, expect, it } from 'vitest';
import { answersWithClicks, burstPartners, SCANNER_BURST_MS, type Click } from './one-click';

const at = (seconds: number) => new Date(Date.UTC(2026, 11, 5, 9, 0, seconds));
const click = (value: string, seconds: number, counted = true, questionId = 'overall'): Click => ({
	questionId,
	value,
	clickedAt: at(seconds),
	counted
});

describe('burstPartners', () => {
	const earlier = [
		{ id: 1, ...click('1', 0) },
		{ id: 2, ...click('2', 1) },
		{ id: 3, ...click('5', 2, true, 'nps') }
	];

	it('names the earlier clicks on other values of the same question within the window', () => {
		expect(burstPartners(click('3', 2), earlier)).toEqual([1, 2]);
	});

	it('ignores the same value clicked again, which is a person making sure', () => {
		expect(burstPartners(click('2', 2), earlier)).toEqual([1]);
	});

	it('ignores other questions and clicks longer ago than the window', () => {
		expect(burstPartners(click('4', 1 + SCANNER_BURST_MS / 1000), earlier)).toEqual([2]);
		expect(burstPartners(click('4', 60), earlier)).toEqual([]);
	});
});

describe('answersWithClicks', () => {
	it('takes the latest counted click of each question', () => {
		expect(answersWithClicks(null, [click('2', 0), click('4', 30), click('1', 40, false)])).toEqual(
			{ overall: '4' }
		);
	});

	it('keeps the page’s answer over a click made before it was saved', () => {
		const draft = { answers: { overall: '5', why: 'kind crew' }, updatedAt: at(20) };
		expect(answersWithClicks(draft, [click('2', 10)])).toEqual({ overall: '5', why: 'kind crew' });
	});

	it('lets a click after the page’s save change that one answer', () => {
		const draft = { answers: { overall: '5', why: 'kind crew' }, updatedAt: at(20) };
		expect(answersWithClicks(draft, [click('2', 10), click('3', 30)])).toEqual({
			overall: '3',
			why: 'kind crew'
		});
	});

	it('leaves the answers alone when every click was a scanner’s', () => {
		expect(answersWithClicks(null, [click('1', 0, false), click('5', 1, false)])).toEqual({});
	});
});
