import { describe, expect, it } from 'vitest';
import { settingsNav, staffNav } from '../../components/layout/staff-nav';
import { roles } from '../../roles';
import { mayPost, mayRead, offered, seesContactData } from './visibility';

const labels = (items: { label: string }[]) => items.map((item) => item.label);

describe('what the staff area offers', () => {
	it('offers a viewer the dashboard, responses, cases, reviews and settings only', () => {
		expect(labels(offered(staffNav, 'viewer'))).toEqual([
			'Dashboard',
			'Responses',
			'Cases',
			'Reviews',
			'Settings'
		]);
		expect(labels(offered(staffNav, 'manager'))).toEqual([
			'Dashboard',
			'Clients',
			'Factors',
			'Topics',
			'Surveys',
			'Campaigns',
			'Responses',
			'Cases',
			'Reviews',
			'Settings'
		]);
		expect(offered(staffNav, 'owner')).toEqual(staffNav);
	});

	it('offers each role the settings sections it may open', () => {
		expect(labels(offered(settingsNav, 'viewer'))).toEqual(['Your account']);
		expect(labels(offered(settingsNav, 'manager'))).toEqual(['Your account', 'Outbox']);
		expect(offered(settingsNav, 'owner')).toEqual(settingsNav);
	});

	it('offers a manager limited to a segment nothing that covers every client', () => {
		expect(labels(offered(settingsNav, 'manager', true))).toEqual(['Your account']);
		expect(labels(offered(staffNav, 'manager', true))).toEqual(
			labels(offered(staffNav, 'manager'))
		);
		expect(mayRead('/(staff)/clients/import', 'manager', true)).toBe(false);
		expect(mayRead('/(staff)/clients', 'manager', true)).toBe(true);
	});

	it('decides links and forms from the access table', () => {
		expect(roles.map((role) => mayRead('/(staff)/clients/[id]', role))).toEqual([
			false,
			true,
			true
		]);
		expect(roles.map((role) => mayPost('/(staff)/dashboard', 'settings', role))).toEqual([
			false,
			false,
			true
		]);
		expect(() => mayRead('/(staff)/nowhere' as never, 'owner')).toThrow(/no access rule/);
	});
});

describe('client contact data', () => {
	const user = (role: (typeof roles)[number], contactDataGranted: boolean) => ({
		role,
		contactDataGranted
	});

	it('is shown to managers and owners, and to a viewer only when an owner granted it', () => {
		expect(seesContactData(user('viewer', false))).toBe(false);
		expect(seesContactData(user('viewer', true))).toBe(true);
		expect(seesContactData(user('manager', false))).toBe(true);
		expect(seesContactData(user('owner', false))).toBe(true);
	});
});
