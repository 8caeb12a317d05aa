import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { POST as scoreTexts } from '../../../routes/api/v1/sentiment/+server';
import { inLocale } from '../i18n/in-locale';

/** A call to score no texts at all, by a viewer key that src/hooks.server.ts has already checked. */
function emptyScoringCall(headers: Record<string, string> = {}): RequestEvent {
	const url = 'http://localhost/api/v1/sentiment';
	const request = new Request(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify({ texts: [] })
	});
	const apiKey = { id: 'key-1', name: 'CRM sync', role: 'viewer' };
	const locals = { user: null, sessionId: null, apiKey };
	return { request, url: new URL(url), params: {}, locals } as unknown as RequestEvent;
}

describe('an API error', () => {
	it('is worded in the language of a German caller, its code, path and issue code unchanged', async () => {
		// src/hooks.server.ts runs each request in the locale its Accept-Language asks for; the
		// handler is called here without the hook, so the test does what the hook does.
		const response = await inLocale('de', () =>
			scoreTexts(emptyScoringCall({ 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' }))
		);
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({
			error: {
				code: 'validation_failed',
				message: 'Der Anfragetext ist ungültig.',
				issues: [
					{ path: ['texts'], code: 'too_small', message: 'Senden Sie mindestens einen Text' }
				]
			}
		});
	});

	it('is worded in English when no language is asked for', async () => {
		const response = await scoreTexts(emptyScoringCall());
		expect(await response.json()).toEqual({
			error: {
				code: 'validation_failed',
				message: 'The request body is not valid.',
				issues: [{ path: ['texts'], code: 'too_small', message: 'Send at least one text' }]
			}
		});
	});
});
