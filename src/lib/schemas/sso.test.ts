import { describe, expect, it } from 'vitest';
import { isPermittedIssuer, signInSettingsFormSchema } from './sso';

describe('isPermittedIssuer', () => {
	it('accepts HTTPS anywhere and plain HTTP on this machine only', () => {
		expect(isPermittedIssuer('https://login.microsoftonline.com/abc/v2.0')).toBe(true);
		expect(isPermittedIssuer('http://localhost:8080/realms/acme')).toBe(true);
		expect(isPermittedIssuer('http://127.0.0.1:9000')).toBe(true);
		expect(isPermittedIssuer('http://[::1]:9000')).toBe(true);
		expect(isPermittedIssuer('http://idp.example.com')).toBe(false);
		expect(isPermittedIssuer('http://127.0.0.1.example.com')).toBe(false);
	});

	it('refuses what is no issuer: other schemes, queries, fragments, text', () => {
		expect(isPermittedIssuer('ftp://idp.example.com')).toBe(false);
		expect(isPermittedIssuer('https://idp.example.com/?tenant=1')).toBe(false);
		expect(isPermittedIssuer('https://idp.example.com/#x')).toBe(false);
		expect(isPermittedIssuer('idp.example.com')).toBe(false);
	});
});

describe('signInSettingsFormSchema', () => {
	const messages = (fields: Record<string, string>) =>
		signInSettingsFormSchema
			.safeParse({ ssoNewUsers: 'none', passwordSignIn: 'on', ...fields })
			.error?.issues.map(({ path, message }) => [path[0], message]);

	it('asks for the label, issuer and client id when single sign-on is switched on', () => {
		expect(messages({ ssoEnabled: 'on' })).toEqual([
			['ssoLabel', 'Enter the name to show on the sign-in button.'],
			['ssoIssuer', 'Enter the issuer URL to switch single sign-on on.'],
			['ssoClientId', 'Enter the client ID the identity provider gave Satisfy.']
		]);
	});

	it('says what is wrong with a plain-HTTP issuer', () => {
		expect(messages({ ssoIssuer: 'http://idp.example.com' })).toEqual([
			[
				'ssoIssuer',
				'Enter the issuer as a full URL starting with https:// (http:// only for localhost), without ? or #.'
			]
		]);
	});

	it('needs a group for a groups claim, and a known choice for new people', () => {
		expect(messages({ ssoGroupsClaim: 'groups' })).toEqual([
			['ssoGroupsClaim', 'Name at least one group below, or leave the groups claim empty.']
		]);
		expect(messages({ ssoNewUsers: 'admin' })).toEqual([
			['ssoNewUsers', 'Choose what happens when someone without an account signs in.']
		]);
	});

	it('reads empty fields as none and an unticked box as off', () => {
		const parsed = signInSettingsFormSchema.parse({
			ssoLabel: '  ',
			ssoNewUsers: 'viewer',
			passwordSignIn: 'on'
		});
		expect(parsed).toMatchObject({ ssoEnabled: false, ssoLabel: null, ssoNewUsers: 'viewer' });
	});
});
