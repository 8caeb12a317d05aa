import { describe, expect, it } from 'vitest';
import { isCrossSiteForm } from './csrf';

const post = (path: string, origin: string | null, type = 'application/x-www-form-urlencoded') =>
	isCrossSiteForm(
		new Request(`https://satisfy.example${path}`, {
			method: 'POST',
			headers: { 'content-type': type, ...(origin ? { origin } : {}) }
		}),
		new URL(`https://satisfy.example${path}`)
	);

describe('cross-site form check', () => {
	it('refuses forms posted from another origin, or without one, to staff pages', () => {
		expect(post('/settings/users?/invite', 'https://evil.example')).toBe(true);
		expect(post('/settings/users?/invite', null)).toBe(true);
		expect(post('/settings/users?/invite', 'null', 'multipart/form-data')).toBe(true);
		expect(post('/settings/users?/invite', 'https://satisfy.example')).toBe(false);
	});

	it('lets JSON through (the API authenticates by key) and the respondent page’s no-referrer forms', () => {
		expect(post('/api/v1/clients', 'https://evil.example', 'application/json')).toBe(false);
		expect(post('/s/abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst', 'null')).toBe(false);
	});
});
