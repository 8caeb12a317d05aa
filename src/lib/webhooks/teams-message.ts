import type { ChatAlert } from './chat-alert';

type OpenUrl = { type: 'Action.OpenUrl'; title?: string; url: string };
type TextRun = {
	type: 'TextRun';
	text: string;
	weight?: 'Bolder';
	italic?: boolean;
	selectAction?: OpenUrl;
};
type Element =
	| {
			type: 'TextBlock';
			text: string;
			wrap: true;
			weight?: 'Bolder';
			size?: 'Medium';
			spacing?: 'None';
	  }
	| { type: 'RichTextBlock'; inlines: TextRun[] };

/**
 * What a Teams Workflows webhook ("Post to a channel when a webhook request is received") and a
 * classic incoming webhook take: a message whose attachment is an Adaptive Card.
 */
export type TeamsMessage = {
	type: 'message';
	attachments: {
		contentType: 'application/vnd.microsoft.card.adaptive';
		contentUrl: null;
		content: {
			$schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
			type: 'AdaptiveCard';
			/** 1.4: what Teams renders on desktop, web and mobile alike. */
			version: '1.4';
			fallbackText: string;
			body: Element[];
			actions: OpenUrl[];
		};
	}[];
};

/**
 * Teams reads a TextBlock's text as Markdown, so a client's name could turn into a link. What
 * people wrote therefore goes in TextRuns, which Adaptive Cards never read as Markdown.
 */
const plain = (...inlines: TextRun[]): Element => ({ type: 'RichTextBlock', inlines });
const run = (text: string, style: Omit<TextRun, 'type' | 'text'> = {}): TextRun => ({
	type: 'TextRun',
	text,
	...style
});

/** An Adaptive Card with the headline, the facts, each quote, the links, and a button to Satisfy. */
export function teamsMessage(alert: ChatAlert): TeamsMessage {
	const body: Element[] = [
		{ type: 'TextBlock', text: alert.title, wrap: true, weight: 'Bolder', size: 'Medium' },
		...(alert.reason
			? [
					{
						type: 'TextBlock' as const,
						text: alert.reason,
						wrap: true as const,
						spacing: 'None' as const
					}
				]
			: []),
		...alert.facts.map((fact) =>
			plain(run(`${fact.label}: `, { weight: 'Bolder' }), run(fact.value))
		),
		...alert.quotes.flatMap((quote) => [
			plain(run(quote.label, { weight: 'Bolder' })),
			plain(run(quote.text, { italic: true }))
		]),
		...alert.links.map((link) =>
			plain(run(link.text, { selectAction: { type: 'Action.OpenUrl', url: link.url } }))
		),
		...(alert.more ? [plain(run(alert.more))] : [])
	];
	return {
		type: 'message',
		attachments: [
			{
				contentType: 'application/vnd.microsoft.card.adaptive',
				contentUrl: null,
				content: {
					$schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
					type: 'AdaptiveCard',
					version: '1.4',
					fallbackText: alert.summary,
					body,
					actions: [{ type: 'Action.OpenUrl', title: alert.action.label, url: alert.action.url }]
				}
			}
		]
	};
}
