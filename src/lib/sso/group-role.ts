import type { Role } from '../roles';

/** The identity provider's group that gives each role; null gives the role to no group. */
export type GroupRoles = Record<Role, string | null>;

const strongestFirst: Role[] = ['owner', 'manager', 'viewer'];

/**
 * The role a user's groups give: the highest role whose group they are in, or null for none.
 * `claim` is the ID token's groups claim as sent: a list, or a lone group as a string (some
 * providers send that for one group); anything else names no group.
 */
export function roleFromGroups(claim: unknown, groupRoles: GroupRoles): Role | null {
	const groups = typeof claim === 'string' ? [claim] : Array.isArray(claim) ? claim : [];
	return (
		strongestFirst.find((role) => {
			const group = groupRoles[role];
			return group !== null && groups.includes(group);
		}) ?? null
	);
}
