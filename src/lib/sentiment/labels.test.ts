import { describe, expect, it } from 'vitest';
import { analyzeText, DEFAULT_THRESHOLDS, labelOf } from './index';
import { calibrateThresholds } from './calibrate';
import { CALIBRATION_SETS } from './fixtures';

describe('labelOf', () => {
	it('is positive above the positive threshold and negative below the negative one', () => {
		const t = { positive: 0.05, negative: -0.05 };
		expect(labelOf(0.0501, t)).toBe('positive');
		expect(labelOf(-0.0501, t)).toBe('negative');
		expect(labelOf(0, t)).toBe('neutral');
	});

	it('leaves the thresholds themselves neutral', () => {
		expect(labelOf(0.05, { positive: 0.05, negative: -0.05 })).toBe('neutral');
		expect(labelOf(-0.05, { positive: 0.05, negative: -0.05 })).toBe('neutral');
		expect(labelOf(DEFAULT_THRESHOLDS.positive)).toBe('neutral');
		expect(labelOf(DEFAULT_THRESHOLDS.negative)).toBe('neutral');
	});

	it('uses the default thresholds when none are given', () => {
		expect(labelOf(DEFAULT_THRESHOLDS.positive + 1e-9)).toBe('positive');
		expect(labelOf(DEFAULT_THRESHOLDS.negative - 1e-9)).toBe('negative');
	});
});

describe('the default thresholds', () => {
	it('are the ones calibrated on the calibration texts (UCI Amazon, a third of ours, the corpus’s tuning split)', () => {
		const sets = CALIBRATION_SETS.map((set) =>
			set.texts.map((t) => ({
				gold: t.label,
				comparative: analyzeText(t.text, { language: set.language }).comparative
			}))
		);
		expect(calibrateThresholds(sets)).toEqual(DEFAULT_THRESHOLDS);
	});
});
