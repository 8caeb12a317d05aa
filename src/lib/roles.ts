import * as m from './paraglide/messages';

/** Staff roles, least to most powerful: each role may do everything the ones before it may. */
export const roles = ['viewer', 'manager', 'owner'] as const;

export type Role = (typeof roles)[number];

/** What each role may do, in the reader's language (a getter each, read when shown). */
export const roleDescriptions: Record<Role, string> = {
	get viewer() {
		return m.roles_viewer_description();
	},
	get manager() {
		return m.roles_manager_description();
	},
	get owner() {
		return m.roles_owner_description();
	}
};

export function hasRole(actual: Role, required: Role): boolean {
	return roles.indexOf(actual) >= roles.indexOf(required);
}
