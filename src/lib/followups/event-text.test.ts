import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';
import { caseEventText, type CaseEventMessage } from './event-text';

const requestLocale = getLocale;
const speak = (locale: Locale) => overwriteGetLocale(() => locale);
afterEach(() => overwriteGetLocale(requestLocale));

const coded = (message: CaseEventMessage, apiKey?: string) => ({
	code: message.code,
	params: { ...message.params, ...(apiKey && { apiKey }) },
	detail: null
});
const survey = 'Did we resolve it?';

describe('a case’s history', () => {
	it('words what Satisfy did in the reader’s language', () => {
		const opened = coded({ code: 'openedForResponse', params: { id: 12 } });
		const assigned = coded({ code: 'assignedToAccountManager', params: { name: 'Mark' } });
		const emailed = coded({ code: 'emailed', params: { name: 'Mark' } });
		expect([opened, assigned, emailed].map(caseEventText)).toEqual([
			'Opened by the rules for response #12',
			'Assigned to Mark (the client’s account manager)',
			'Emailed Mark'
		]);
		speak('de');
		expect([opened, assigned, emailed].map(caseEventText)).toEqual([
			'Durch die Regeln für Antwort #12 eröffnet',
			'Mark zugewiesen (Kundenbetreuer des Kunden)',
			'E-Mail an Mark gesendet'
		]);
	});

	it('names both statuses of a move with their labels, and the note of a closing one', () => {
		const started = coded({ code: 'statusChanged', params: { from: 'open', to: 'in_progress' } });
		const closed = coded({
			code: 'statusChanged',
			params: { from: 'in_progress', to: 'wont_fix', note: 'Client left us.' }
		});
		expect(caseEventText(started)).toBe('Open → In progress');
		expect(caseEventText(closed)).toBe('In progress → Won’t fix: Client left us.');
		speak('de');
		expect(caseEventText(started)).toBe('Offen → In Bearbeitung');
		expect(caseEventText(closed)).toBe('In Bearbeitung → Ohne Lösung geschlossen: Client left us.');
	});

	it('words a reassignment, nobody and a former user, and a due date in UTC', () => {
		const reassigned = coded({ code: 'reassigned', params: { from: null, to: 'Vera' } });
		const fromFormer = coded({ code: 'reassigned', params: { from: { former: true }, to: null } });
		const due = coded({
			code: 'dueChanged',
			params: { from: '2026-03-04T09:00:00.000Z', to: '2026-03-06T17:00:00.000Z' }
		});
		expect([reassigned, fromFormer, due].map(caseEventText)).toEqual([
			'nobody → Vera',
			'a former user → nobody',
			'Due 4 Mar 2026, 09:00 UTC → 6 Mar 2026, 17:00 UTC'
		]);
		speak('de');
		expect([reassigned, fromFormer, due].map(caseEventText)).toEqual([
			'niemand → Vera',
			'ein ehemaliger Benutzer → niemand',
			'Fällig 04.03.2026, 09:00 UTC → 06.03.2026, 17:00 UTC'
		]);
	});

	it('says whether the client was asked “Did we resolve it?”, and why not', () => {
		const asked = coded({ code: 'resolutionAsked', params: { survey } });
		const closed = coded({
			code: 'resolutionNotAsked',
			params: { survey, reason: { code: 'surveyClosed' } }
		});
		const unsubscribed = coded({
			code: 'resolutionNotAsked',
			params: { survey, reason: { code: 'unsubscribed' } }
		});
		expect([asked, closed, unsubscribed].map(caseEventText)).toEqual([
			'Asked the client “Did we resolve it?” by email',
			'The client was not asked “Did we resolve it?”: that survey is closed.',
			'The client was not asked “Did we resolve it?”: The client has unsubscribed from surveys.'
		]);
		speak('de');
		expect([asked, closed, unsubscribed].map(caseEventText)).toEqual([
			'Dem Kunden per E-Mail die Frage „Did we resolve it?“ gestellt',
			'Dem Kunden wurde die Frage „Did we resolve it?“ nicht gestellt: Diese Umfrage ist geschlossen.',
			'Dem Kunden wurde die Frage „Did we resolve it?“ nicht gestellt: Der Kunde hat sich von Umfragen abgemeldet.'
		]);
	});

	it('keeps a comment as written, naming the API key that wrote it', () => {
		const comment = { code: null, params: null, detail: 'Left a voicemail.' };
		const byApi = { code: null, params: { apiKey: 'CRM' }, detail: 'Called again.' };
		const movedByApi = coded(
			{ code: 'statusChanged', params: { from: 'open', to: 'resolved', note: 'Called back.' } },
			'CRM'
		);
		expect([comment, byApi, movedByApi].map(caseEventText)).toEqual([
			'Left a voicemail.',
			'Called again. (API key “CRM”)',
			'Open → Resolved: Called back. (API key “CRM”)'
		]);
		speak('de');
		expect([comment, byApi, movedByApi].map(caseEventText)).toEqual([
			'Left a voicemail.',
			'Called again. (API-Schlüssel „CRM“)',
			'Offen → Gelöst: Called back. (API-Schlüssel „CRM“)'
		]);
	});

	it('shows entries written before the codes as they were stored', () => {
		speak('de');
		expect(caseEventText({ code: null, params: null, detail: 'Open → In progress' })).toBe(
			'Open → In progress'
		);
	});
});
