/** A response as the client card lists it: when, to which survey, and its score (src/lib/responses/response-score.ts). */
export type ScoredResponse = {
	id: number;
	submittedAt: Date;
	survey: { id: number; name: string };
	score: number | null;
};

export type TrendPoint = {
	id: number;
	submittedAt: Date;
	score: number | null;
	/** Since the survey's previous scored response; null for the first, or when this one has no score. */
	change: number | null;
};

export type SurveyTrend = {
	survey: { id: number; name: string };
	/** Oldest first. */
	points: TrendPoint[];
	/** How many of the points have a score. */
	scored: number;
	/** The newest score minus the oldest, over the scored points; null with fewer than two. */
	change: number | null;
};

/**
 * One client's scores over time, one trend per survey: scores of different surveys measure
 * different things (another model, or a mean of ratings), so a change is only taken between two
 * responses to the same survey. Surveys come in the order of their newest response, newest first.
 */
export function scoreTrends(responses: ScoredResponse[]): SurveyTrend[] {
	const bySurvey = new Map<number, ScoredResponse[]>();
	for (const response of [...responses].sort(
		(a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || a.id - b.id
	)) {
		const list = bySurvey.get(response.survey.id) ?? [];
		list.push(response);
		bySurvey.set(response.survey.id, list);
	}
	return [...bySurvey.values()]
		.map((list) => trendOf(list))
		.sort(
			(a, b) => b.points.at(-1)!.submittedAt.getTime() - a.points.at(-1)!.submittedAt.getTime()
		);
}

function trendOf(responses: ScoredResponse[]): SurveyTrend {
	let previous: number | null = null;
	const points = responses.map(({ id, submittedAt, score }) => {
		const change = score !== null && previous !== null ? score - previous : null;
		if (score !== null) previous = score;
		return { id, submittedAt, score, change };
	});
	const scores = points.flatMap(({ score }) => (score === null ? [] : [score]));
	return {
		survey: responses[0]!.survey,
		points,
		scored: scores.length,
		change: scores.length >= 2 ? scores.at(-1)! - scores[0]! : null
	};
}

/**
 * Where a trend's scored points sit in a `width` × `height` drawing: time runs left to right on a
 * true time axis (a long silence is a long gap), the score bottom (0) to top (100) on a fixed axis,
 * as every score chart in Satisfy. One point is drawn in the middle.
 */
export function trendChartPoints(
	trend: SurveyTrend,
	{ width, height }: { width: number; height: number }
): { id: number; x: number; y: number }[] {
	const scored = trend.points.filter((point) => point.score !== null);
	if (!scored.length) return [];
	const first = scored[0]!.submittedAt.getTime();
	const span = scored.at(-1)!.submittedAt.getTime() - first;
	return scored.map(({ id, submittedAt, score }) => ({
		id,
		x: span > 0 ? ((submittedAt.getTime() - first) / span) * width : width / 2,
		y: height - (score! / 100) * height
	}));
}
