import * as m from '../paraglide/messages';

/** A survey's status as staff read it, in their language: on pages and in the services' refusals. */
export function surveyStatusLabel(status: 'draft' | 'open' | 'closed' | 'archived'): string {
	const labels = {
		draft: m.surveys_status_draft,
		open: m.surveys_status_open,
		closed: m.surveys_status_closed,
		archived: m.surveys_status_archived
	};
	return labels[status]();
}
