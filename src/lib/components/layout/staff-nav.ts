import type { Role } from '$lib/roles';

export type NavItem = { href: string; label: string; role: Role };

/** Areas appear here as they are built; each names the least role that may open it. */
export const staffNav: NavItem[] = [
	{ href: '/dashboard', label: 'Dashboard', role: 'viewer' },
	{ href: '/clients', label: 'Clients', role: 'viewer' },
	{ href: '/factors', label: 'Factors', role: 'viewer' },
	{ href: '/surveys', label: 'Surveys', role: 'viewer' },
	{ href: '/campaigns', label: 'Campaigns', role: 'viewer' },
	{ href: '/cases', label: 'Cases', role: 'viewer' },
	{ href: '/reviews', label: 'Reviews', role: 'viewer' },
	{ href: '/settings', label: 'Settings', role: 'viewer' }
];
