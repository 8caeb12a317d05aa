import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';
import { campaignSkippedText } from './skipped-text';

const requestLocale = getLocale;
const speak = (locale: Locale) => overwriteGetLocale(() => locale);
afterEach(() => overwriteGetLocale(requestLocale));

describe('a campaign’s skipped clients', () => {
	const run = {
		skippedReasons: [
			{ reason: { code: 'invitedRecently' as const, fatigueDays: 30 }, count: 4 },
			{ reason: { code: 'unsubscribed' as const }, count: 1 }
		],
		skipped: null
	};
	const closed = {
		skippedReasons: [{ reason: { code: 'surveyClosed' as const }, count: 1 }],
		skipped: null
	};

	it('are counted by reason, in the reader’s language', () => {
		expect(campaignSkippedText(run)).toEqual([
			{
				reason:
					'The client was invited recently; the survey-fatigue rule leaves clients alone for 30 days.',
				count: 4
			},
			{ reason: 'The client has unsubscribed from surveys.', count: 1 }
		]);
		expect(campaignSkippedText(closed)).toEqual([
			{ reason: 'The survey is no longer open.', count: 1 }
		]);
		speak('de');
		expect(campaignSkippedText(run)).toEqual([
			{
				reason:
					'Der Kunde wurde kürzlich eingeladen; die Regel gegen Umfragemüdigkeit lässt Kunden 30 Tage lang in Ruhe.',
				count: 4
			},
			{ reason: 'Der Kunde hat sich von Umfragen abgemeldet.', count: 1 }
		]);
		expect(campaignSkippedText(closed)).toEqual([
			{ reason: 'Die Umfrage ist nicht mehr offen.', count: 1 }
		]);
	});

	it('of a run before the codes, keep the sentences it stored', () => {
		speak('de');
		expect(
			campaignSkippedText({ skippedReasons: null, skipped: { 'The segment no longer exists.': 1 } })
		).toEqual([{ reason: 'The segment no longer exists.', count: 1 }]);
	});
});
