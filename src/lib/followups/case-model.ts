import { formatDateTime } from '../i18n/format';
import * as m from '../paraglide/messages';

/**
 * The words and the lifecycle of follow-up cases, shared by pages, forms and the server. The
 * lists mirror `followupTriggers` and `caseStatuses` of the schema (checked in
 * src/lib/server/followups/rules.ts); they live here because pages may not import server code.
 */
export const caseTriggers = [
	'lowOverall',
	'lowFactor',
	'lowNps',
	'negativeAnswer',
	'negativeReview'
] as const;
export type CaseTriggerKind = (typeof caseTriggers)[number];

/*
 * The labels below are getters, read when shown: each speaks the language of the reader at that
 * moment, as a message does.
 */
export const triggerLabels: Record<CaseTriggerKind, string> = {
	get lowOverall() {
		return m.cases_trigger_low_overall_label();
	},
	get lowFactor() {
		return m.cases_trigger_low_factor_label();
	},
	get lowNps() {
		return m.cases_trigger_low_nps_label();
	},
	get negativeAnswer() {
		return m.cases_trigger_negative_answer_label();
	},
	get negativeReview() {
		return m.cases_trigger_negative_review_label();
	}
};

export const caseStatuses = ['open', 'in_progress', 'resolved', 'wont_fix'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const statusLabels: Record<CaseStatus, string> = {
	get open() {
		return m.cases_status_open_label();
	},
	get in_progress() {
		return m.cases_status_in_progress_label();
	},
	get resolved() {
		return m.cases_status_resolved_label();
	},
	get wont_fix() {
		return m.cases_status_wont_fix_label();
	}
};

/** Statuses someone still has to work on: only these can be overdue. */
export const activeStatuses: readonly CaseStatus[] = ['open', 'in_progress'];
export const isActive = (status: CaseStatus) => activeStatuses.includes(status);

/**
 * Where a case may go from each status. Closing (resolved or won't fix) needs a note; a closed
 * case can be reopened when the client turns out not to be helped after all.
 */
export const nextStatuses: Record<CaseStatus, readonly CaseStatus[]> = {
	open: ['in_progress', 'resolved', 'wont_fix'],
	in_progress: ['resolved', 'wont_fix'],
	resolved: ['open'],
	wont_fix: ['open']
};

/** The button that moves a case to a status. */
export const statusActions: Record<CaseStatus, string> = {
	get open() {
		return m.cases_move_to_open_label();
	},
	get in_progress() {
		return m.cases_move_to_in_progress_label();
	},
	get resolved() {
		return m.cases_move_to_resolved_label();
	},
	get wont_fix() {
		return m.cases_move_to_wont_fix_label();
	}
};

export const needsNote = (status: CaseStatus) => status === 'resolved' || status === 'wont_fix';

/** Said when a case is closed without a note: the next person must know what happened. */
export const noteRequired: Record<'resolved' | 'wont_fix', string> = {
	get resolved() {
		return m.cases_note_required_resolved();
	},
	get wont_fix() {
		return m.cases_note_required_wont_fix();
	}
};

export const isOverdue = (item: { status: CaseStatus; dueAt: Date }, now: Date) =>
	isActive(item.status) && item.dueAt.getTime() < now.getTime();

/** A due date in messages that leave the app (emails, chat), where the reader's time zone is unknown. */
export const dueText = (dueAt: Date) => `${formatDateTime(dueAt, { utc: true })} UTC`;

/** "Anonymous respondent" for answers without a client (a public link, an erased client). */
export const clientLabel = (name: string | null) => name ?? m.cases_anonymous_respondent();
