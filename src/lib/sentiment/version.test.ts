import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, SENTIMENT_VERSION } from './index';
import { LANGUAGE_MODELS } from './lexicons';
import { sentimentVersion } from './version';

describe('SENTIMENT_VERSION', () => {
	const fingerprints = Object.values(LANGUAGE_MODELS).map((m) => m.fingerprint);

	it('is derived from the word lists and the default thresholds', () => {
		expect(SENTIMENT_VERSION).toBe(sentimentVersion(fingerprints, DEFAULT_THRESHOLDS));
		expect(SENTIMENT_VERSION).toMatch(/^\d+-[0-9a-f]{8}$/);
	});

	it('changes when a threshold or a word list changes, so stored scores get recomputed', () => {
		expect(
			sentimentVersion(fingerprints, {
				...DEFAULT_THRESHOLDS,
				positive: DEFAULT_THRESHOLDS.positive + 0.01
			})
		).not.toBe(SENTIMENT_VERSION);
		expect(sentimentVersion([...fingerprints.slice(1), 'changed'], DEFAULT_THRESHOLDS)).not.toBe(
			SENTIMENT_VERSION
		);
	});
});
