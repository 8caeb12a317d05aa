import { inviteRefusalText, type InviteRefusal } from '../invitations/refusals';
import * as m from '../paraglide/messages';
import { dueText, statusLabels, type CaseStatus } from './case-model';

/** Who held a case: a user's name at the time, nobody, or a user no longer found. */
export type CaseHolder = string | null | { former: true };

/** Why the client was not asked "Did we resolve it?". */
export type ResolutionNotAsked = { code: 'surveyClosed' } | InviteRefusal;

/**
 * What Satisfy writes into a case's history, as a code and its parameters: the history is worded
 * when read, in the reader's language, not in the language of whoever made the change.
 */
export type CaseEventMessage =
	| { code: 'openedForResponse'; params: { id: number } }
	| { code: 'openedForReview'; params: { id: number } }
	| { code: 'assignedToAccountManager'; params: { name: string } }
	| { code: 'assignedToDefaultAssignee'; params: { name: string } }
	| { code: 'reassigned'; params: { from: CaseHolder; to: CaseHolder } }
	/** Dates as ISO text. */
	| { code: 'dueChanged'; params: { from: string; to: string } }
	/** The note of a closing move (resolved, won't fix). */
	| { code: 'statusChanged'; params: { from: CaseStatus; to: CaseStatus; note?: string } }
	| { code: 'emailed'; params: { name: string } }
	| { code: 'resolutionAsked'; params: { survey: string } }
	| { code: 'resolutionNotAsked'; params: { survey: string; reason: ResolutionNotAsked } };

export type CaseEventCode = CaseEventMessage['code'];

/** The API key that made a change, stored beside any event's parameters (a comment's too). */
type ByApiKey = { apiKey?: string };

/** The parameters column: those of any code, and the API key. */
export type CaseEventParams = (CaseEventMessage['params'] | Record<never, never>) & ByApiKey;

const holderText = (holder: CaseHolder) =>
	typeof holder === 'string' ? holder : holder ? m.cases_former_user() : m.case_event_nobody();

function messageText(message: CaseEventMessage): string {
	switch (message.code) {
		case 'openedForResponse':
			return m.cases_opened_by_rules_response(message.params);
		case 'openedForReview':
			return m.cases_opened_by_rules_review(message.params);
		case 'assignedToAccountManager':
			return m.cases_assigned_account_manager(message.params);
		case 'assignedToDefaultAssignee':
			return m.cases_assigned_default_assignee(message.params);
		case 'reassigned':
			return m.case_event_reassigned({
				from: holderText(message.params.from),
				to: holderText(message.params.to)
			});
		case 'dueChanged':
			return m.case_event_due_changed({
				from: dueText(new Date(message.params.from)),
				to: dueText(new Date(message.params.to))
			});
		case 'statusChanged': {
			const { from, to, note } = message.params;
			const labels = { from: statusLabels[from], to: statusLabels[to] };
			return note === undefined
				? m.case_event_status_changed(labels)
				: m.case_event_status_closed({ ...labels, note });
		}
		case 'emailed':
			return m.cases_emailed(message.params);
		case 'resolutionAsked':
			return m.followups_asked_by_email(message.params);
		case 'resolutionNotAsked': {
			const { survey, reason } = message.params;
			return reason.code === 'surveyClosed'
				? m.followups_not_asked_closed({ survey })
				: m.followups_not_asked({ survey, reason: inviteRefusalText(reason) });
		}
	}
}

/**
 * A history entry in the reader's words. Comments, and entries written before codes, keep their
 * stored text; a change made through an API key names it.
 */
export function caseEventText(event: {
	code: CaseEventCode | null;
	params: CaseEventParams | null;
	detail: string | null;
}): string {
	const text = event.code
		? messageText({ code: event.code, params: event.params } as CaseEventMessage)
		: (event.detail ?? '');
	const apiKey = event.params?.apiKey;
	return apiKey === undefined ? text : m.case_event_via_api_key({ detail: text, apiKey });
}
