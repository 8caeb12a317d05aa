/**
 * A negator reaches this many tokens ahead ("not very good" → good is negated), unless a
 * punctuation mark or a conjunction ends the clause first. `sentiment` reaches one token.
 */
export const NEGATION_WINDOW = 3;

/** A negated word keeps 74% of its strength with the opposite sign (VADER's N_SCALAR, Hutto & Gilbert 2014): "not bad" is mildly good. */
export const NEGATION_SCALAR = -0.74;

/** Words before "but" weigh half, words after it one and a half (VADER's contrastive-conjunction rule). */
export const BEFORE_CONTRAST = 0.5;
export const AFTER_CONTRAST = 1.5;

/**
 * An intensifier moves the next word with a value this much away from zero ("very good"), a
 * dampener towards it ("slightly late"), if that word comes within INTENSITY_WINDOW tokens
 * (VADER's B_INCR and B_DECR).
 */
export const INTENSITY_STEP = 0.293;
export const INTENSITY_WINDOW = 3;

/**
 * A clause that names a wait and its length ("stood 70 minutes at the border", "zwei Stunden in
 * der Schlange") scores as a plain complaint, unless a word such as "within" or "only" comes
 * within QUICK_WINDOW tokens before the length ("through in two minutes").
 */
export const WAIT_SCORE = -2;
export const QUICK_WINDOW = 3;

/** Every constant above, in one list: SENTIMENT_VERSION fingerprints them. */
export const SCORING_CONSTANTS = [
	NEGATION_WINDOW,
	NEGATION_SCALAR,
	BEFORE_CONTRAST,
	AFTER_CONTRAST,
	INTENSITY_STEP,
	INTENSITY_WINDOW,
	WAIT_SCORE,
	QUICK_WINDOW
];
