import * as m from '../paraglide/messages';

/**
 * The events Satisfy sends to webhooks and the formats it sends them in, shared by the database
 * schema, the settings page, the delivery worker and the OpenAPI document.
 */
export const webhookEvents = [
	'response.completed',
	'followup.created',
	'followup.resolved',
	'followup.digest',
	'review.imported'
] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

/**
 * What each event means, for the settings screen and the OpenAPI document, in the reader's
 * language: getters, read when shown.
 */
export const webhookEventLabels: Record<WebhookEvent, string> = {
	get 'response.completed'() {
		return m.webhooks_event_response_completed_label();
	},
	get 'followup.created'() {
		return m.webhooks_event_followup_created_label();
	},
	get 'followup.resolved'() {
		return m.webhooks_event_followup_resolved_label();
	},
	get 'followup.digest'() {
		return m.webhooks_event_followup_digest_label();
	},
	get 'review.imported'() {
		return m.webhooks_event_review_imported_label();
	}
};

/**
 * `satisfy`: the event as signed JSON, for systems of your own; `slack` and `teams`: a message for
 * a chat channel's incoming webhook, which cannot check a signature.
 */
export const webhookFormats = ['satisfy', 'slack', 'teams'] as const;
export type WebhookFormat = (typeof webhookFormats)[number];
export type ChatFormat = Exclude<WebhookFormat, 'satisfy'>;

export const webhookFormatLabels: Record<WebhookFormat, string> = {
	get satisfy() {
		return m.webhooks_format_satisfy_label();
	},
	get slack() {
		return m.webhooks_format_slack_label();
	},
	get teams() {
		return m.webhooks_format_teams_label();
	}
};

export const chatServiceNames: Record<ChatFormat, string> = { slack: 'Slack', teams: 'Teams' };

export const isChatFormat = (format: WebhookFormat): format is ChatFormat => format !== 'satisfy';

/** What a person in a chat channel acts on: follow-up cases; answers and reviews reach them as cases. */
export const chatEvents: readonly WebhookEvent[] = [
	'followup.created',
	'followup.resolved',
	'followup.digest'
];
