import { describe, expect, it } from 'vitest';
import {
	allowList,
	forbiddenAddressKind,
	isAllowListEntry,
	webhookTargetRefusal,
	type Resolve
} from './target-addresses';
import { targetRefusalText } from '../../webhooks/target-refusal';

const resolvesTo =
	(...addresses: string[]): Resolve =>
	async () =>
		addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
const unknownName: Resolve = async () => {
	throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
};

describe('which addresses a webhook may not reach', () => {
	it.each([
		['127.0.0.1', 'loopback'],
		['127.255.1.2', 'loopback'],
		['::1', 'loopback'],
		['0.0.0.0', 'unspecified'],
		['0.1.2.3', 'unspecified'],
		['::', 'unspecified'],
		['10.0.0.1', 'private'],
		['172.16.0.1', 'private'],
		['172.31.255.254', 'private'],
		['192.168.1.1', 'private'],
		['100.64.0.1', 'shared'],
		['100.127.255.254', 'shared'],
		['169.254.169.254', 'link-local'],
		['fe80::1', 'link-local'],
		['fe80::1%eth0', 'link-local'],
		['fd00::1', 'unique-local'],
		['fc00::1', 'unique-local'],
		['224.0.0.1', 'multicast'],
		['ff02::1', 'multicast'],
		['255.255.255.255', 'broadcast'],
		['240.0.0.1', 'broadcast'],
		// The same addresses written as IPv6: mapped, compatible, NAT64 and 6to4 forms.
		['::ffff:127.0.0.1', 'loopback'],
		['::ffff:7f00:1', 'loopback'],
		['::ffff:169.254.169.254', 'link-local'],
		['::ffff:10.0.0.1', 'private'],
		['::ffff:0.0.0.0', 'unspecified'],
		['0:0:0:0:0:ffff:c0a8:0101', 'private'],
		['::127.0.0.1', 'loopback'],
		['64:ff9b::a9fe:a9fe', 'link-local'],
		['2002:7f00:1::', 'loopback']
	])('refuses %s as %s', (address, kind) => {
		expect(forbiddenAddressKind(address)).toBe(kind);
	});

	it.each([
		'93.184.215.14',
		'1.1.1.1',
		'172.32.0.1',
		'100.128.0.1',
		'11.0.0.1',
		'2606:4700::1111',
		'::ffff:93.184.215.14',
		'64:ff9b::101:101',
		'2002:101:101::1'
	])('lets %s through', (address) => {
		expect(forbiddenAddressKind(address)).toBeNull();
	});
});

describe('the allow-list (WEBHOOK_ALLOWED_HOSTS)', () => {
	it('accepts host names, IP addresses and CIDR ranges, and nothing else', () => {
		for (const entry of [
			'crm.internal',
			'localhost',
			'hooks.example.com',
			'127.0.0.1',
			'::1',
			'[::1]',
			'10.0.0.0/8',
			'fd00::/8'
		])
			expect(isAllowListEntry(entry), entry).toBe(true);
		for (const entry of [
			'',
			'http://crm.internal',
			'crm.internal:8080',
			'10.0.0.0/33',
			'10.0.0.1/x',
			'fd00::/129',
			'a b',
			'*.example.com'
		])
			expect(isAllowListEntry(entry), entry).toBe(false);
	});

	it('lets through an allowed address, a range and a host name, whatever they resolve to', () => {
		const allowed = allowList(['127.0.0.1', '10.0.0.0/8', 'crm.internal']);
		expect(allowed.allowsAddress('127.0.0.1')).toBe(true);
		expect(allowed.allowsAddress('::ffff:127.0.0.1')).toBe(true);
		expect(allowed.allowsAddress('10.20.30.40')).toBe(true);
		expect(allowed.allowsAddress('127.0.0.2')).toBe(false);
		expect(allowed.allowsHostname('CRM.internal')).toBe(true);
		expect(allowed.allowsHostname('other.internal')).toBe(false);
	});
});

describe('checking a webhook address when it is saved', () => {
	it.each([
		['http://127.0.0.1/hooks', '127.0.0.1', 'loopback'],
		['http://[::1]:8080/hooks', '::1', 'loopback'],
		['http://0.0.0.0/', '0.0.0.0', 'unspecified'],
		['http://2130706433/', '127.0.0.1', 'loopback'],
		['http://0x7f.1/', '127.0.0.1', 'loopback'],
		['http://169.254.169.254/latest/meta-data/', '169.254.169.254', 'link-local'],
		['http://10.0.0.1/', '10.0.0.1', 'private'],
		['https://[fd00::1]/', 'fd00::1', 'unique-local'],
		['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1', 'loopback']
	])('refuses %s, naming the address and how to allow it', async (url, address, kind) => {
		const refusal = await webhookTargetRefusal(url, allowList([]), unknownName);
		expect(refusal).toMatchObject({ host: address, address, namedAddress: true, kind });
		const text = targetRefusalText(refusal!);
		expect(text).toContain(address);
		expect(text).toMatch(new RegExp(`is an? ${kind}`));
		expect(text).toContain('WEBHOOK_ALLOWED_HOSTS');
	});

	it('refuses a host name that resolves to a forbidden address, naming both', async () => {
		const localhost = await webhookTargetRefusal('http://localhost:3000/hooks', allowList([]));
		expect(localhost).toEqual({
			host: 'localhost',
			address: '127.0.0.1',
			namedAddress: false,
			kind: 'loopback',
			range: '127.0.0.0/8'
		});
		expect(targetRefusalText(localhost!)).toBe(
			'localhost resolves to 127.0.0.1, a loopback address (127.0.0.0/8): webhooks may not reach this server or its private network. To allow it, add localhost to the WEBHOOK_ALLOWED_HOSTS setting and restart Satisfy.'
		);
		const crm = await webhookTargetRefusal(
			'https://crm.example.com/hooks',
			allowList([]),
			resolvesTo('93.184.215.14', '10.1.2.3')
		);
		expect(crm).toEqual({
			host: 'crm.example.com',
			address: '10.1.2.3',
			namedAddress: false,
			kind: 'private',
			range: '10.0.0.0/8'
		});
		expect(targetRefusalText(crm!)).toContain(
			'crm.example.com resolves to 10.1.2.3, a private address (10.0.0.0/8)'
		);
	});

	it('accepts a public address, a name that does not resolve yet, and allow-listed ones', async () => {
		expect(
			await webhookTargetRefusal(
				'https://crm.example.com/hooks',
				allowList([]),
				resolvesTo('93.184.215.14', '2606:4700::1111')
			)
		).toBeNull();
		expect(
			await webhookTargetRefusal('https://not-yet.example.com/hooks', allowList([]), unknownName)
		).toBeNull();
		expect(
			await webhookTargetRefusal('http://127.0.0.1:8080/hooks', allowList(['127.0.0.1']))
		).toBeNull();
		expect(
			await webhookTargetRefusal('http://10.9.8.7/hooks', allowList(['10.0.0.0/8']))
		).toBeNull();
		expect(
			await webhookTargetRefusal(
				'http://crm.internal/hooks',
				allowList(['crm.internal']),
				resolvesTo('10.1.2.3')
			)
		).toBeNull();
	});
});
