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

/** What each event means, for the settings screen and the OpenAPI document. */
export const webhookEventLabels: Record<WebhookEvent, string> = {
	'response.completed': 'A respondent completed a survey',
	'followup.created': 'A follow-up case was opened',
	'followup.resolved': 'A follow-up case was resolved',
	'followup.digest': 'The daily list of overdue follow-up cases',
	'review.imported': 'A review was imported'
};

/**
 * `satisfy`: the event as signed JSON, for systems of your own; `slack` and `teams`: a message for
 * a chat channel's incoming webhook, which cannot check a signature.
 */
export const webhookFormats = ['satisfy', 'slack', 'teams'] as const;
export type WebhookFormat = (typeof webhookFormats)[number];
export type ChatFormat = Exclude<WebhookFormat, 'satisfy'>;

export const webhookFormatLabels: Record<WebhookFormat, string> = {
	satisfy: 'Satisfy JSON, signed',
	slack: 'Slack incoming webhook',
	teams: 'Microsoft Teams workflow or incoming webhook'
};

export const chatServiceNames: Record<ChatFormat, string> = { slack: 'Slack', teams: 'Teams' };

export const isChatFormat = (format: WebhookFormat): format is ChatFormat => format !== 'satisfy';

/** What a person in a chat channel acts on: follow-up cases; answers and reviews reach them as cases. */
export const chatEvents: readonly WebhookEvent[] = [
	'followup.created',
	'followup.resolved',
	'followup.digest'
];
