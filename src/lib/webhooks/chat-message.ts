import type { ChatAlert } from './chat-alert';
import type { ChatFormat } from './events';
import { slackMessage } from './slack-message';
import { teamsMessage } from './teams-message';

/** The request body a chat target is sent: the alert in its format, as JSON. */
export function chatMessageBody(format: ChatFormat, alert: ChatAlert): string {
	return JSON.stringify(format === 'slack' ? slackMessage(alert) : teamsMessage(alert));
}
