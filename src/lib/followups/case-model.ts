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

export const triggerLabels: Record<CaseTriggerKind, string> = {
	lowOverall: 'Low overall satisfaction',
	lowFactor: 'Low factor rating',
	lowNps: 'NPS detractor',
	negativeAnswer: 'Negative comment',
	negativeReview: 'Negative review'
};

export const caseStatuses = ['open', 'in_progress', 'resolved', 'wont_fix'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const statusLabels: Record<CaseStatus, string> = {
	open: 'Open',
	in_progress: 'In progress',
	resolved: 'Resolved',
	wont_fix: 'Won’t fix'
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
	open: 'Reopen',
	in_progress: 'Start working on it',
	resolved: 'Resolve',
	wont_fix: 'Close as won’t fix'
};

export const needsNote = (status: CaseStatus) => status === 'resolved' || status === 'wont_fix';

/** Said when a case is closed without a note: the next person must know what happened. */
export const noteRequired: Record<'resolved' | 'wont_fix', string> = {
	resolved: 'Write a resolution note: what was done for the client, so the next person knows.',
	wont_fix: 'Write why the case will not be fixed, so the next person knows.'
};

export const isOverdue = (item: { status: CaseStatus; dueAt: Date }, now: Date) =>
	isActive(item.status) && item.dueAt.getTime() < now.getTime();

const dueFormat = new Intl.DateTimeFormat('en-GB', {
	dateStyle: 'medium',
	timeStyle: 'short',
	timeZone: 'UTC'
});
/** A due date in messages that leave the app (emails, chat), where the reader's time zone is unknown. */
export const dueText = (dueAt: Date) => `${dueFormat.format(dueAt)} UTC`;

/** "Anonymous respondent" for answers without a client (a public link, an erased client). */
export const clientLabel = (name: string | null) => name ?? 'Anonymous respondent';
