import { isIP } from 'node:net';
import { chatAddressRefusal } from '../../webhooks/chat-addresses';
import { isChatFormat, type WebhookFormat } from '../../webhooks/events';
import type { AllowList } from './target-addresses';

/**
 * Why `url` cannot receive `format`'s chat messages, or null. A host on WEBHOOK_ALLOWED_HOSTS is
 * the owner's own (a relay, a Slack-compatible chat server, a test receiver) and may take any
 * format; the network check (`webhookTargetRefusal`) applies either way.
 */
export function chatTargetRefusal(
	format: WebhookFormat,
	url: string,
	allowed: AllowList
): string | null {
	if (!isChatFormat(format)) return null;
	const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
	if (isIP(host) ? allowed.allowsAddress(host) : allowed.allowsHostname(host)) return null;
	return chatAddressRefusal(format, url);
}
