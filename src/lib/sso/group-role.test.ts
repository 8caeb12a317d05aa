import { describe, expect, it } from 'vitest';
import { roleFromGroups } from './group-role';

const groupRoles = { owner: 'satisfy-owners', manager: 'satisfy-managers', viewer: 'staff' };

describe('roleFromGroups', () => {
	it('gives the highest role whose group the user is in', () => {
		expect(roleFromGroups(['staff', 'satisfy-managers'], groupRoles)).toBe('manager');
		expect(roleFromGroups(['satisfy-owners', 'staff'], groupRoles)).toBe('owner');
		expect(roleFromGroups(['staff'], groupRoles)).toBe('viewer');
	});

	it('gives no role to a user in none of the groups', () => {
		expect(roleFromGroups(['sales'], groupRoles)).toBeNull();
		expect(roleFromGroups([], groupRoles)).toBeNull();
	});

	it('reads a lone group sent as a string', () => {
		expect(roleFromGroups('satisfy-managers', groupRoles)).toBe('manager');
	});

	it('reads a missing or malformed claim as no groups', () => {
		expect(roleFromGroups(undefined, groupRoles)).toBeNull();
		expect(roleFromGroups({ owner: true }, groupRoles)).toBeNull();
	});

	it('gives a role without a group to nobody', () => {
		expect(roleFromGroups(['staff'], { ...groupRoles, viewer: null })).toBeNull();
	});

	it('matches group names exactly, case included', () => {
		expect(roleFromGroups(['Satisfy-Owners'], groupRoles)).toBeNull();
	});
});
