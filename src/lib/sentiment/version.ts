import { DEFAULT_THRESHOLDS } from './labels';
import { fnv1a } from './lexicon';
import { LANGUAGE_MODELS } from './lexicons';
import { SCORING_CONSTANTS } from './negation';
import type { Thresholds } from './types';

/**
 * Bump when scoring code changes in a way the fingerprint cannot see (tokenizer, negation and
 * phrase logic, language detection). Word lists, negator lists, constants and default
 * thresholds are fingerprinted automatically.
 */
// 2: aspects take the tone of their clause; intensifiers; rounded numbers (#18).
// 3: a clause saying what matters scores nothing; waits with their length; middle verdicts (#18).
export const RULES_REVISION = 3;

export function sentimentVersion(fingerprints: string[], thresholds: Thresholds): string {
	const constants = SCORING_CONSTANTS;
	return `${RULES_REVISION}-${fnv1a(JSON.stringify({ fingerprints, thresholds, constants }))}`;
}

export const SENTIMENT_VERSION: string = sentimentVersion(
	Object.values(LANGUAGE_MODELS).map((m) => m.fingerprint),
	DEFAULT_THRESHOLDS
);
