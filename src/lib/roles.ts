/** Staff roles, least to most powerful: each role may do everything the ones before it may. */
export const roles = ['viewer', 'manager', 'owner'] as const;

export type Role = (typeof roles)[number];

export const roleDescriptions: Record<Role, string> = {
	viewer: 'Dashboards, reports, responses and follow-up cases',
	manager: 'Client base, factors, surveys, campaigns and reviews',
	owner: 'Everything, including users and API keys'
};

export function hasRole(actual: Role, required: Role): boolean {
	return roles.indexOf(actual) >= roles.indexOf(required);
}
