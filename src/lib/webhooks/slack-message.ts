import type { ChatAlert } from './chat-alert';

type Text = { type: 'mrkdwn' | 'plain_text'; text: string };
type Block =
	| { type: 'section'; text: Text }
	| { type: 'section'; fields: Text[] }
	| {
			type: 'actions';
			elements: { type: 'button'; text: Text; url: string }[];
	  };
/** What a Slack incoming webhook takes: `text` for notifications, `blocks` for the message itself. */
export type SlackMessage = { text: string; blocks: Block[] };

/**
 * Slack reads `&`, `<` and `>` as markup (`<!channel>` pings everyone, `<url|text>` is a link):
 * what people wrote is escaped, as Slack's formatting guide asks, so it shows as written.
 */
export const slackEscape = (text: string) =>
	text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

const mrkdwn = (text: string): Text => ({ type: 'mrkdwn', text });

/** A Slack message with a section for the headline, the facts as fields, each quote, and a button to Satisfy. */
export function slackMessage(alert: ChatAlert): SlackMessage {
	const headline = `*${slackEscape(alert.title)}*${alert.reason ? `\n${slackEscape(alert.reason)}` : ''}`;
	const list = [
		...alert.links.map((link) => `• <${slackEscape(link.url)}|${slackEscape(link.text)}>`),
		...(alert.more ? [slackEscape(alert.more)] : [])
	];
	const blocks: Block[] = [
		{ type: 'section', text: mrkdwn(headline) },
		...(alert.facts.length
			? [
					{
						type: 'section' as const,
						fields: alert.facts.map((fact) =>
							mrkdwn(`*${slackEscape(fact.label)}*\n${slackEscape(fact.value)}`)
						)
					}
				]
			: []),
		...alert.quotes.map((quote) => ({
			type: 'section' as const,
			text: mrkdwn(`*${slackEscape(quote.label)}*\n>${slackEscape(quote.text)}`)
		})),
		...(list.length ? [{ type: 'section' as const, text: mrkdwn(list.join('\n')) }] : []),
		{
			type: 'actions',
			elements: [
				{
					type: 'button',
					text: { type: 'plain_text', text: alert.action.label },
					url: alert.action.url
				}
			]
		}
	];
	return { text: slackEscape(alert.summary), blocks };
}
