import type { RouteId } from '$app/types';
import * as m from '../../paraglide/messages';

/** A menu entry; the access table row of `routeId` decides who is offered it. */
export type NavItem = { href: string; label: string; routeId: RouteId };

/** An entry whose label is worded each time it is read, in the language of the request. */
const item = (href: string, label: () => string, routeId: RouteId): NavItem => ({
	href,
	get label() {
		return label();
	},
	routeId
});

export const staffNav: NavItem[] = [
	item('/dashboard', m.nav_dashboard, '/(staff)/dashboard'),
	item('/clients', m.nav_clients, '/(staff)/clients'),
	item('/factors', m.nav_factors, '/(staff)/factors'),
	item('/topics', m.nav_topics, '/(staff)/topics'),
	item('/surveys', m.nav_surveys, '/(staff)/surveys'),
	item('/campaigns', m.nav_campaigns, '/(staff)/campaigns'),
	item('/responses', m.nav_responses, '/(staff)/responses'),
	item('/cases', m.nav_cases, '/(staff)/cases'),
	item('/reviews', m.nav_reviews, '/(staff)/reviews'),
	item('/settings', m.nav_settings, '/(staff)/settings')
];

export const settingsNav: NavItem[] = [
	item('/settings/account', m.nav_settings_account, '/(staff)/settings/account'),
	item('/settings/outbox', m.nav_settings_outbox, '/(staff)/settings/outbox'),
	item('/settings/users', m.nav_settings_users, '/(staff)/settings/users'),
	item('/settings/followups', m.nav_settings_followups, '/(staff)/settings/followups'),
	item('/settings/privacy', m.nav_settings_privacy, '/(staff)/settings/privacy'),
	item('/settings/sign-in', m.sso_nav, '/(staff)/settings/sign-in'),
	item('/settings/branding', m.branding_nav, '/(staff)/settings/branding'),
	item('/settings/api-keys', m.nav_settings_api_keys, '/(staff)/settings/api-keys'),
	item('/settings/webhooks', m.nav_settings_webhooks, '/(staff)/settings/webhooks'),
	item('/settings/audit', m.nav_settings_audit, '/(staff)/settings/audit')
];
