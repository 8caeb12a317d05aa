import * as m from '../paraglide/messages';

/** Where imported reviews came from. */
export type ReviewOrigin =
	{ kind: 'file'; name: string } | { kind: 'apiKey'; name: string } | { kind: 'demo' };

/**
 * Why a background job runs, as a code and its parameters: its progress bar words it when shown,
 * in the reader's language, not in the language of whoever started it.
 */
export type JobReason =
	| { code: 'resumed'; params?: undefined }
	| { code: 'firstCellsComputation'; params?: undefined }
	| { code: 'segmentCreated'; params: { name: string } }
	| { code: 'segmentChanged'; params: { name: string } }
	| { code: 'scorerChanged'; params?: undefined }
	| { code: 'keywordsChanged'; params?: undefined }
	| { code: 'scoresStale'; params?: undefined }
	| { code: 'weightsChanged'; params?: undefined }
	| { code: 'reviewImport'; params: { origin: ReviewOrigin } };

export type JobReasonCode = JobReason['code'];
export type JobReasonParams = NonNullable<JobReason['params']>;

/** Failures Satisfy itself decides; an exception's own text is stored as it is. */
export type JobFailureCode = 'interrupted';

function reasonText(reason: JobReason): string {
	switch (reason.code) {
		case 'resumed':
			return m.scores_reason_resumed();
		case 'firstCellsComputation':
			return m.jobs_reason_first_cells();
		case 'segmentCreated':
			return m.clients_segment_rebuild_created(reason.params);
		case 'segmentChanged':
			return m.clients_segment_rebuild_changed(reason.params);
		case 'scorerChanged':
			return m.jobs_reason_scorer_changed();
		case 'keywordsChanged':
			return m.jobs_reason_keywords_changed();
		case 'scoresStale':
			return m.scores_reason_stale();
		case 'weightsChanged':
			return m.scores_reason_weights_changed();
		case 'reviewImport': {
			const { origin } = reason.params;
			if (origin.kind === 'file') return m.jobs_reason_review_file({ name: origin.name });
			if (origin.kind === 'apiKey') return m.jobs_reason_review_api_key({ name: origin.name });
			return m.jobs_reason_review_demo();
		}
	}
}

/** Why the job runs, in the reader's words; a job from before the codes keeps its stored text. */
export function jobReasonText(job: {
	reasonCode: JobReasonCode | null;
	reasonParams: JobReasonParams | null;
	reason: string | null;
}): string {
	return job.reasonCode
		? reasonText({ code: job.reasonCode, params: job.reasonParams ?? undefined } as JobReason)
		: (job.reason ?? '');
}

/** Why the job failed, in the reader's words, or the exception's text. */
export function jobFailureText(job: {
	failureCode: JobFailureCode | null;
	failure: string | null;
}): string {
	return job.failureCode === 'interrupted' ? m.jobs_failure_interrupted() : (job.failure ?? '');
}
