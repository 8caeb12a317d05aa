/*
 * The answers a scale question takes. Written against the shape of a question rather than the
 * survey schema's type, so the schema can use it to check conditions without an import cycle.
 */
type ScaleQuestion = { type: string; allowNotApplicable?: boolean };

/** The value a rating question that allows it takes for "not applicable". */
export const NOT_APPLICABLE = 'na';

/** The values a scale question takes, `na` included where allowed; null for text and choice questions. */
export function answerScale(question: ScaleQuestion): string[] | null {
	if (question.type === 'nps') return Array.from({ length: 11 }, (_, i) => String(i));
	if (question.type === 'rating' || question.type === 'overall' || question.type === 'importance') {
		return [
			'1',
			'2',
			'3',
			'4',
			'5',
			...(question.type === 'rating' && question.allowNotApplicable ? [NOT_APPLICABLE] : [])
		];
	}
	return null;
}
