import * as m from '$lib/paraglide/messages';

/** A survey's status as the staff pages show it, in the staff member's language. */
export function surveyStatusLabel(status: 'draft' | 'open' | 'closed' | 'archived'): string {
	const labels = {
		draft: m.surveys_status_draft,
		open: m.surveys_status_open,
		closed: m.surveys_status_closed,
		archived: m.surveys_status_archived
	};
	return labels[status]();
}
