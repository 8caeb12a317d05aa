import { describe, expect, it } from 'vitest';
import { withSecurityHeaders } from './security-headers';

const locals = { user: null, sessionId: null, apiKey: null };
const headersFor = (url: string) =>
	withSecurityHeaders({ url: new URL(url), locals }, new Response('')).headers;

describe('security headers', () => {
	it('asks browsers to keep to https when the public address is https', () => {
		expect(headersFor('https://satisfy.example.com/login').get('strict-transport-security')).toBe(
			'max-age=31536000'
		);
	});

	it('says nothing of https on a plain-http address, where browsers would ignore it', () => {
		expect(headersFor('http://localhost:3000/login').get('strict-transport-security')).toBeNull();
	});

	it('keeps a personal link out of Referer headers and caches', () => {
		const headers = headersFor('https://satisfy.example.com/s/abc');
		expect(headers.get('referrer-policy')).toBe('no-referrer');
		expect(headers.get('cache-control')).toBe('private, no-store');
		expect(headers.get('x-frame-options')).toBe('DENY');
	});
});
