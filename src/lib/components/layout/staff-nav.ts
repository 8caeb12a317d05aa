import type { RouteId } from '$app/types';

/** A menu entry; the access table row of `routeId` decides who is offered it. */
export type NavItem = { href: string; label: string; routeId: RouteId };

export const staffNav: NavItem[] = [
	{ href: '/dashboard', label: 'Dashboard', routeId: '/(staff)/dashboard' },
	{ href: '/clients', label: 'Clients', routeId: '/(staff)/clients' },
	{ href: '/factors', label: 'Factors', routeId: '/(staff)/factors' },
	{ href: '/topics', label: 'Topics', routeId: '/(staff)/topics' },
	{ href: '/surveys', label: 'Surveys', routeId: '/(staff)/surveys' },
	{ href: '/campaigns', label: 'Campaigns', routeId: '/(staff)/campaigns' },
	{ href: '/responses', label: 'Responses', routeId: '/(staff)/responses' },
	{ href: '/cases', label: 'Cases', routeId: '/(staff)/cases' },
	{ href: '/reviews', label: 'Reviews', routeId: '/(staff)/reviews' },
	{ href: '/settings', label: 'Settings', routeId: '/(staff)/settings' }
];

export const settingsNav: NavItem[] = [
	{ href: '/settings/account', label: 'Your account', routeId: '/(staff)/settings/account' },
	{ href: '/settings/outbox', label: 'Outbox', routeId: '/(staff)/settings/outbox' },
	{ href: '/settings/users', label: 'Users', routeId: '/(staff)/settings/users' },
	{ href: '/settings/followups', label: 'Follow-ups', routeId: '/(staff)/settings/followups' },
	{ href: '/settings/privacy', label: 'Privacy', routeId: '/(staff)/settings/privacy' },
	{ href: '/settings/api-keys', label: 'API keys', routeId: '/(staff)/settings/api-keys' },
	{ href: '/settings/webhooks', label: 'Webhooks', routeId: '/(staff)/settings/webhooks' },
	{ href: '/settings/audit', label: 'Audit log', routeId: '/(staff)/settings/audit' }
];
