import { describe, expect, it } from 'vitest';
import { AFTER_SIGN_IN, redirectTarget } from './redirect-target';

const origin = 'https://satisfy.example.com';

describe('the page to open after sign-in', () => {
	it.each([
		['/clients?tab=2#notes', '/clients?tab=2#notes'],
		['/settings/users', '/settings/users'],
		['https://satisfy.example.com/surveys/42', '/surveys/42'],
		['/%09/evil.example', '/%09/evil.example']
	])('keeps the same-site target %j', (target, expected) => {
		expect(redirectTarget(target, origin)).toBe(expected);
	});

	it.each([
		'//evil.example',
		'/\\evil.example',
		'\\/evil.example',
		'/\\\\evil.example',
		'/\t/evil.example',
		'\t//evil.example',
		'/\n/evil.example',
		'/\r\n/evil.example',
		' //evil.example',
		'/./\\evil.example',
		'/.//evil.example',
		'/..//evil.example',
		'https://evil.example/dashboard',
		'http://satisfy.example.com/dashboard',
		'https://satisfy.example.com.evil.example/',
		'https://satisfy.example.com@evil.example/',
		'javascript:alert(document.cookie)',
		'JaVaScRiPt:alert(1)',
		'data:text/html,<script>alert(1)</script>',
		'mailto:eve@evil.example'
	])('sends %j to the dashboard instead of off-site', (target) => {
		expect(redirectTarget(target, origin)).toBe(AFTER_SIGN_IN);
	});

	it('opens the dashboard when no target is given', () => {
		expect(redirectTarget(null, origin)).toBe(AFTER_SIGN_IN);
		expect(redirectTarget('', origin)).toBe(AFTER_SIGN_IN);
	});

	it('never answers a path a browser would read as another host', () => {
		// A relative target like "dashboard" resolves to "/dashboard": fine. Whatever comes back must
		// resolve to this origin again when a browser reads it as a Location header.
		const tricky = [
			'dashboard',
			'/.//evil.example',
			'/%2F/evil.example',
			'/%5Cevil.example',
			'/;//evil.example',
			'https:evil.example'
		];
		for (const target of tricky) {
			const answer = redirectTarget(target, origin);
			expect(answer.startsWith('/') && !answer.startsWith('//') && !answer.startsWith('/\\')).toBe(
				true
			);
			expect(new URL(answer, origin).origin).toBe(origin);
		}
	});
});
