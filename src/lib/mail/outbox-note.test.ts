import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { outboxResponseText } from './outbox-note';

const requestLocale = getLocale;
afterEach(() => overwriteGetLocale(requestLocale));

describe('the outbox’s answer column', () => {
	it('words Satisfy’s own note in the reader’s language, whatever the mail server said before', () => {
		const skipped = { note: 'clientUnsubscribed' as const, serverResponse: '451 try later' };
		expect(outboxResponseText(skipped)).toBe(
			'The client unsubscribed before it went out; nothing was sent.'
		);
		overwriteGetLocale(() => 'de');
		expect(outboxResponseText(skipped)).toBe(
			'Der Kunde hat sich abgemeldet, bevor sie verschickt wurde; nichts wurde gesendet.'
		);
		expect(outboxResponseText({ note: 'kept', serverResponse: null })).toBe(
			'Im Postausgang aufbewahrt (kein SMTP_URL gesetzt).'
		);
	});

	it('shows the mail server’s answer as it came, and an older row’s stored sentence', () => {
		overwriteGetLocale(() => 'fi');
		expect(outboxResponseText({ note: null, serverResponse: '250 2.0.0 OK queued' })).toBe(
			'250 2.0.0 OK queued'
		);
		expect(
			outboxResponseText({ note: null, serverResponse: 'Kept in the outbox (no SMTP_URL set).' })
		).toBe('Kept in the outbox (no SMTP_URL set).');
		expect(outboxResponseText({ note: null, serverResponse: null })).toBe('');
	});
});
