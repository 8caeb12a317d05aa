import { caseEventText } from '../../followups/event-text';
import { staffLink } from './emails';
import type { CaseDetail, CaseView } from './queries';

/** A case as the API returns it: dates as ISO text, the trigger split into its rules and items. */
export function caseJson(kase: CaseView) {
	return {
		id: kase.id,
		url: staffLink(`/cases/${kase.id}`),
		status: kase.status,
		client: kase.client,
		responseId: kase.responseId,
		reviewId: kase.reviewId,
		triggers: kase.trigger.triggers,
		items: kase.trigger.items,
		assignee: kase.assignee,
		dueAt: kase.dueAt.toISOString(),
		overdue: kase.overdue,
		firstActionAt: kase.firstActionAt?.toISOString() ?? null,
		resolvedAt: kase.resolvedAt?.toISOString() ?? null,
		resolutionNote: kase.resolutionNote,
		createdAt: kase.createdAt.toISOString(),
		updatedAt: kase.updatedAt.toISOString()
	};
}

export function caseDetailJson(kase: CaseDetail) {
	return {
		...caseJson(kase),
		history: kase.history.map((event) => ({
			kind: event.kind,
			actor: event.actor,
			detail: caseEventText(event),
			at: event.at.toISOString()
		}))
	};
}
