import * as m from '../paraglide/messages';
import type { ChatFormat } from './events';

/**
 * Where each chat service hands out incoming-webhook addresses. Teams workflows moved from
 * `*.logic.azure.com` to `*.environment.api.powerplatform.com` (…/powerautomate/…) in 2025;
 * classic connectors, still working in some tenants, are on `*.webhook.office.com`.
 */
const chatHosts: Record<ChatFormat, { exact: string[]; under: string[]; refusal: () => string }> = {
	slack: {
		exact: ['hooks.slack.com', 'hooks.slack-gov.com'],
		under: [],
		refusal: m.schema_webhooks_slack_address
	},
	teams: {
		exact: [],
		under: ['webhook.office.com', 'logic.azure.com', 'api.powerplatform.com', 'powerautomate.com'],
		refusal: m.schema_webhooks_teams_address
	}
};

/**
 * Why `url` (already a valid http(s) address) cannot be the given chat service's incoming webhook,
 * or null. Catches an address pasted into the wrong format before messages fail for a day.
 */
export function chatAddressRefusal(format: ChatFormat, url: string): string | null {
	const { protocol, hostname } = new URL(url);
	const host = hostname.toLowerCase();
	const { exact, under, refusal } = chatHosts[format];
	const known = exact.includes(host) || under.some((domain) => host.endsWith(`.${domain}`));
	return protocol === 'https:' && known ? null : refusal();
}
