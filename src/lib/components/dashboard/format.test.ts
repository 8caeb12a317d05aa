import { describe, expect, it } from 'vitest';
import {
	formatBalance,
	formatCi,
	formatCorrelation,
	formatDelta,
	formatPValue,
	formatScore,
	formatShare,
	lowNReason,
	periodLabel,
	significanceText
} from './format';

const change = (pAdjusted: number, significant: boolean) => ({
	delta: 3,
	p: pAdjusted / 2,
	pAdjusted,
	significant,
	test: 'welch' as const
});

describe('dashboard numbers', () => {
	it('shows a dash, never 0, where a number does not exist', () => {
		expect(formatScore(NaN)).toBe('—');
		expect(formatScore(null)).toBe('—');
		expect(formatCi(NaN, 80)).toBe('—');
		expect(formatShare(null)).toBe('—');
		expect(formatScore(0)).toBe('0.0');
	});

	it('signs changes with a real minus and no "−0.0"', () => {
		expect(formatDelta(3.26)).toBe('+3.3');
		expect(formatDelta(-1.5)).toBe('−1.5');
		expect(formatDelta(-0.01)).toBe('0.0');
		expect(formatCorrelation(-0.001)).toBe('0.00');
		expect(formatCorrelation(0.654)).toBe('0.65');
		expect(formatCorrelation(-0.3)).toBe('−0.30');
	});

	it('writes a balance of shares in signed whole percentage points', () => {
		expect(formatBalance((1 - 2) / 3)).toBe('−33%');
		expect(formatBalance(0.125)).toBe('+13%');
		expect(formatBalance(0.001)).toBe('0%');
		expect(formatBalance(NaN)).toBe('—');
	});

	it('writes confidence intervals, shares and p-values', () => {
		expect(formatCi(71.234, 78.95)).toBe('71.2–79.0');
		expect(formatShare(1 / 3)).toBe('33%');
		expect(formatPValue(0.0004)).toBe('< 0.001');
		expect(formatPValue(0.04123)).toBe('0.041');
	});

	it('says in words whether a change is significant after correction', () => {
		expect(significanceText(change(0.012, true))).toBe('significant (p adj 0.012)');
		expect(significanceText(change(0.41, false))).toBe('not significant (p adj 0.410)');
		expect(significanceText(change(NaN, false))).toBe('not testable (no spread)');
		expect(significanceText(null)).toBe('not tested');
	});

	it('gives the reason a number is greyed', () => {
		expect(lowNReason(12)).toBe('Only 12 answers (fewer than 30): treat as unreliable');
		expect(lowNReason(1)).toBe('Only 1 answer (fewer than 30): treat as unreliable');
	});

	it('names periods as people say them', () => {
		expect(periodLabel('2026-03')).toBe('Mar 2026');
		expect(periodLabel('2026-Q1')).toBe('Q1 2026');
		expect(periodLabel('2026-W09')).toBe('Week 9, 2026');
	});
});
