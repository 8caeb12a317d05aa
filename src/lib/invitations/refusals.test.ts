import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';
import { inviteRefusalText, type InviteRefusal } from './refusals';

const requestLocale = getLocale;
const speak = (locale: Locale) => overwriteGetLocale(() => locale);
afterEach(() => overwriteGetLocale(requestLocale));

describe('why a client was not invited', () => {
	const refusals: InviteRefusal[] = [
		{ code: 'surveyNotOpen', status: 'closed' },
		{ code: 'noConsent' },
		{ code: 'invitedRecently', fatigueDays: 30, daysAgo: 0 },
		{ code: 'invitedRecently', fatigueDays: 30, daysAgo: 12 },
		{ code: 'invitedRecently', fatigueDays: 7 }
	];

	it('says it in English', () => {
		expect(refusals.map(inviteRefusalText)).toEqual([
			'The survey is closed; only open surveys can be sent.',
			'The client has not consented to be surveyed.',
			'The client was invited today; the survey-fatigue rule leaves clients alone for 30 days.',
			'The client was invited 12 days ago; the survey-fatigue rule leaves clients alone for 30 days.',
			'The client was invited recently; the survey-fatigue rule leaves clients alone for 7 days.'
		]);
	});

	it('says it in German, when and for how long included', () => {
		speak('de');
		expect(refusals.map(inviteRefusalText)).toEqual([
			'Die Umfrage hat den Status „geschlossen“; nur offene Umfragen können versendet werden.',
			'Der Kunde hat nicht eingewilligt, befragt zu werden.',
			'Der Kunde wurde heute eingeladen; die Regel gegen Umfragemüdigkeit lässt Kunden 30 Tage lang in Ruhe.',
			'Der Kunde wurde vor 12 Tagen eingeladen; die Regel gegen Umfragemüdigkeit lässt Kunden 30 Tage lang in Ruhe.',
			'Der Kunde wurde kürzlich eingeladen; die Regel gegen Umfragemüdigkeit lässt Kunden 7 Tage lang in Ruhe.'
		]);
	});
});
