import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';
import { webhookFailureText, type WebhookFailure } from './failure-text';
import { targetRefusalText, type TargetRefusal } from './target-refusal';

const requestLocale = getLocale;
const speak = (locale: Locale) => overwriteGetLocale(() => locale);
afterEach(() => overwriteGetLocale(requestLocale));

const delivery = ({ code, params }: WebhookFailure) => ({
	lastErrorCode: code,
	lastErrorParams: params ?? null,
	lastError: null
});

const localhost: TargetRefusal = {
	host: 'localhost',
	address: '127.0.0.1',
	namedAddress: false,
	kind: 'loopback',
	range: '127.0.0.0/8'
};
const metadataService: TargetRefusal = {
	host: '169.254.169.254',
	address: '169.254.169.254',
	namedAddress: true,
	kind: 'link-local',
	range: '169.254.0.0/16'
};

describe('a webhook delivery’s last failure in the log', () => {
	it('says why it was not sent, and how to allow the address, in the reader’s language', () => {
		const refused = delivery({ code: 'refused', params: localhost });
		expect(webhookFailureText(refused)).toBe(
			'Not sent: localhost resolves to 127.0.0.1, a loopback address (127.0.0.0/8): webhooks may not reach this server or its private network. To allow it, add localhost to the WEBHOOK_ALLOWED_HOSTS setting and restart Satisfy.'
		);
		speak('de');
		expect(webhookFailureText(refused)).toBe(
			'Nicht gesendet: localhost verweist auf 127.0.0.1, eine Loopback-Adresse (127.0.0.0/8): Webhooks dürfen weder diesen Server noch sein privates Netzwerk erreichen. Um das zuzulassen, tragen Sie localhost in die Einstellung WEBHOOK_ALLOWED_HOSTS ein und starten Sie Satisfy neu.'
		);
	});

	it('words a connection failure and a timeout, keeping the network’s error code', () => {
		const failures = [
			delivery({ code: 'notConnected', params: { reason: 'ECONNREFUSED' } }),
			delivery({ code: 'timedOut', params: { seconds: 0.3 } }),
			delivery({ code: 'timedOut', params: { seconds: 10 } })
		];
		expect(failures.map(webhookFailureText)).toEqual([
			'Could not connect (ECONNREFUSED).',
			'No answer within 0.3 s.',
			'No answer within 10 s.'
		]);
		speak('de');
		expect(failures.map(webhookFailureText)).toEqual([
			'Keine Verbindung möglich (ECONNREFUSED).',
			'Keine Antwort innerhalb von 0,3 s.',
			'Keine Antwort innerhalb von 10 s.'
		]);
	});

	it('names the receiver’s answer, points out a redirect and quotes the body as it came', () => {
		const answers = [
			delivery({ code: 'answered', params: { status: 500, excerpt: 'Internal Server Error' } }),
			delivery({ code: 'answered', params: { status: 503, excerpt: '' } }),
			delivery({ code: 'answered', params: { status: 302, excerpt: 'Found' } })
		];
		expect(answers.map(webhookFailureText)).toEqual([
			'The receiver answered 500. Internal Server Error',
			'The receiver answered 503.',
			'The receiver answered 302. Redirects are not followed: register the final address. Found'
		]);
		speak('de');
		expect(answers.map(webhookFailureText)).toEqual([
			'Der Empfänger antwortete mit 500. Internal Server Error',
			'Der Empfänger antwortete mit 503.',
			'Der Empfänger antwortete mit 302. Weiterleitungen werden nicht verfolgt: Tragen Sie die endgültige Adresse ein. Found'
		]);
	});

	it('says a waiting delivery was dropped when its webhook was disabled', () => {
		const disabled = delivery({ code: 'disabled' });
		expect(webhookFailureText(disabled)).toBe('Not sent: the webhook was disabled.');
		speak('de');
		expect(webhookFailureText(disabled)).toBe('Nicht gesendet: Der Webhook wurde deaktiviert.');
	});

	it('shows the failure of a delivery from before the codes as it was stored, and nothing for none', () => {
		speak('de');
		expect(
			webhookFailureText({
				lastErrorCode: null,
				lastErrorParams: null,
				lastError: 'Could not connect (ECONNRESET).'
			})
		).toBe('Could not connect (ECONNRESET).');
		expect(
			webhookFailureText({ lastErrorCode: null, lastErrorParams: null, lastError: null })
		).toBe('');
	});
});

describe('a refused webhook address on the form', () => {
	it('names the address the URL gave, its kind and range, and how to allow it', () => {
		expect(targetRefusalText(metadataService)).toBe(
			'169.254.169.254 is a link-local address (169.254.0.0/16): webhooks may not reach this server or its private network. To allow it, add 169.254.169.254 to the WEBHOOK_ALLOWED_HOSTS setting and restart Satisfy.'
		);
		speak('de');
		expect(targetRefusalText(metadataService)).toBe(
			'169.254.169.254 ist eine Link-Local-Adresse (169.254.0.0/16): Webhooks dürfen weder diesen Server noch sein privates Netzwerk erreichen. Um das zuzulassen, tragen Sie 169.254.169.254 in die Einstellung WEBHOOK_ALLOWED_HOSTS ein und starten Sie Satisfy neu.'
		);
	});

	it('words each kind of forbidden address', () => {
		const kinds = [
			{ ...metadataService, address: '0.0.0.0', kind: 'unspecified', range: '0.0.0.0/8' },
			{ ...metadataService, address: '10.0.0.1', kind: 'private', range: '10.0.0.0/8' },
			{ ...metadataService, address: '100.64.0.1', kind: 'shared', range: '100.64.0.0/10' },
			{ ...metadataService, address: 'fd00::1', kind: 'unique-local', range: 'fc00::/7' },
			{ ...metadataService, address: '224.0.0.1', kind: 'multicast', range: '224.0.0.0/4' },
			{ ...metadataService, address: '240.0.0.1', kind: 'broadcast', range: '240.0.0.0/4' }
		] satisfies TargetRefusal[];
		const opening = (refusal: TargetRefusal) => targetRefusalText(refusal).split(': ')[0];
		expect(kinds.map(opening)).toEqual([
			'0.0.0.0 is an unspecified address (0.0.0.0/8)',
			'10.0.0.1 is a private address (10.0.0.0/8)',
			'100.64.0.1 is a shared (carrier-grade NAT) address (100.64.0.0/10)',
			'fd00::1 is a unique-local address (fc00::/7)',
			'224.0.0.1 is a multicast address (224.0.0.0/4)',
			'240.0.0.1 is a broadcast or reserved address (240.0.0.0/4)'
		]);
		speak('de');
		expect(kinds.map(opening)).toEqual([
			'0.0.0.0 ist eine unspezifizierte Adresse (0.0.0.0/8)',
			'10.0.0.1 ist eine private Adresse (10.0.0.0/8)',
			'100.64.0.1 ist eine gemeinsam genutzte Adresse für Carrier-Grade-NAT (100.64.0.0/10)',
			'fd00::1 ist eine Unique-Local-Adresse (fc00::/7)',
			'224.0.0.1 ist eine Multicast-Adresse (224.0.0.0/4)',
			'240.0.0.1 ist eine Broadcast- oder reservierte Adresse (240.0.0.0/4)'
		]);
	});
});
