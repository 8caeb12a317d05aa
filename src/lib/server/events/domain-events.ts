import type { ResponseContext } from '../../analytics/dimensions';
import type { CheckedReview } from '../../reviews/review-schema';
import type { SurveyDefinition } from '../../schemas/survey';
import type { AnswerRow } from '../../surveys/answers';
import type { responseSources } from '../db/schema';
import type { OverdueCase } from '../followups/emails';

/** A response as it was just stored: its rows' ids, and what the subscribers need to know of it. */
export type RecordedResponse = {
	id: number;
	surveyVersionId: number;
	definition: SurveyDefinition;
	clientId: number | null;
	language: string;
	submittedAt: Date;
	/** `import` is history brought in from elsewhere: nobody is told, no case is opened. */
	source: (typeof responseSources)[number];
	/** The client as they were when answering (stored with the response). */
	context: ResponseContext;
	answers: AnswerRow[];
};

/** A review as it was just stored, with the tone scored for it; `language` as the file said, else as detected. */
export type ImportedReview = Omit<CheckedReview, 'email' | 'tag'> & {
	id: number;
	clientId: number | null;
	sentimentLabel: string | null;
};

/**
 * What happened, by name. Each is dispatched inside the transaction that made the change, so what
 * follows from it (cells, tone, follow-ups, webhooks) is written if and only if the change is.
 */
export type DomainEvents = {
	'response.recorded': { responses: RecordedResponse[] };
	'review.imported': { reviews: ImportedReview[]; at: Date };
	'case.opened': { caseId: number; at: Date };
	'case.resolved': { caseId: number; at: Date };
	/** The day's list of overdue cases, the longest overdue first; `total` counts those not listed too. */
	'cases.overdue': { cases: OverdueCase[]; total: number; at: Date };
};
