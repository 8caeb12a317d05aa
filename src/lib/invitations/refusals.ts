import * as m from '../paraglide/messages';
import { getLocale } from '../paraglide/runtime';
import { surveyStatusLabel } from '../surveys/status-labels';

/**
 * Why a client cannot be invited, as data: a case's history and a campaign's skipped clients keep
 * it, and it is worded when someone reads it, in their language.
 */
export type InviteRefusal =
	| { code: 'clientNotFound' }
	| { code: 'surveyNotFound' }
	| { code: 'surveyNotOpen'; status: 'draft' | 'closed' | 'archived' }
	| { code: 'unsubscribed' }
	| { code: 'noConsent' }
	/** The survey-fatigue rule; without daysAgo where one reason covers every recent invitation (a campaign's count). */
	| { code: 'invitedRecently'; fatigueDays: number; daysAgo?: number };

/** The refusal in the reader's words: "The client has unsubscribed from surveys." */
export function inviteRefusalText(refusal: InviteRefusal): string {
	switch (refusal.code) {
		case 'clientNotFound':
			return m.clients_not_found();
		case 'surveyNotFound':
			return m.surveys_not_found();
		case 'surveyNotOpen':
			return m.invitations_survey_not_open_refused({ status: surveyStatusLabel(refusal.status) });
		case 'unsubscribed':
			return m.invitations_unsubscribed_refused();
		case 'noConsent':
			return m.invitations_no_consent_refused();
		case 'invitedRecently': {
			const { fatigueDays, daysAgo } = refusal;
			if (daysAgo === undefined) return m.invitations_fatigue_recent_refused({ fatigueDays });
			// "today", else "12 days ago", in the reader's language.
			const when = new Intl.RelativeTimeFormat(getLocale(), {
				numeric: daysAgo === 0 ? 'auto' : 'always'
			}).format(-daysAgo, 'day');
			return m.invitations_fatigue_refused({ when, fatigueDays });
		}
	}
}
