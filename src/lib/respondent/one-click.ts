import type { RawAnswers } from '../surveys/answers';

/**
 * Clicks on different values of one question this close together are a mail scanner's, not a
 * person's: scanners open every link of a new email within a second or two, and a person who
 * changes their mind needs longer to get back to the email and click again.
 */
export const SCANNER_BURST_MS = 5_000;

export type Click = { questionId: string; value: string; clickedAt: Date; counted: boolean };

/**
 * Whether a new click counts: it does, unless an earlier click on the same question chose
 * another value within the burst window — then it and those earlier clicks are a scanner's burst.
 */
export function burstPartners(
	click: Omit<Click, 'counted'>,
	earlier: (Omit<Click, 'counted'> & { id: number })[]
): number[] {
	return earlier
		.filter(
			(other) =>
				other.questionId === click.questionId &&
				other.value !== click.value &&
				click.clickedAt.getTime() - other.clickedAt.getTime() <= SCANNER_BURST_MS
		)
		.map((other) => other.id);
}

/**
 * The answers as they stand: those the respondent saved from the page, each replaced by a counted
 * click from the email made after that save. The latest of the page and the clicks wins.
 */
export function answersWithClicks(
	draft: { answers: RawAnswers; updatedAt: Date } | null,
	clicks: Click[]
): RawAnswers {
	const answers: RawAnswers = { ...draft?.answers };
	const latest = new Map<string, Click>();
	for (const click of clicks) {
		if (!click.counted) continue;
		if (draft && click.clickedAt <= draft.updatedAt) continue;
		const known = latest.get(click.questionId);
		if (!known || known.clickedAt <= click.clickedAt) latest.set(click.questionId, click);
	}
	for (const [questionId, click] of latest) answers[questionId] = click.value;
	return answers;
}
