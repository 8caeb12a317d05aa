import { describe, expect, it } from 'vitest';
import { caseAlert, digestAlert } from './chat-alert';
import { chatMessageBody } from './chat-message';
import { webhookEventExamples } from './event-examples';

const card = (content: object) => ({
	type: 'message',
	attachments: [
		{
			contentType: 'application/vnd.microsoft.card.adaptive',
			contentUrl: null,
			content: {
				$schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
				type: 'AdaptiveCard',
				version: '1.4',
				...content
			}
		}
	]
});
const bold = (text: string) => ({ type: 'TextRun', text, weight: 'Bolder' });
const run = (text: string) => ({ type: 'TextRun', text });
const asSent = (body: string) => JSON.parse(body) as unknown;

describe('a Teams message', () => {
	it('gives a new case as an Adaptive Card: headline, facts and comment as plain text, a button', () => {
		const alert = caseAlert(
			'followup.created',
			webhookEventExamples['followup.created'],
			'Anna Müller',
			{
				nameClients: true
			}
		);
		expect(asSent(chatMessageBody('teams', alert))).toEqual(
			card({
				fallbackText: 'Follow-up case #12 opened: Low overall satisfaction, Negative comment',
				body: [
					{
						type: 'TextBlock',
						text: 'Follow-up case #12 opened',
						wrap: true,
						weight: 'Bolder',
						size: 'Medium'
					},
					{
						type: 'TextBlock',
						text: 'Low overall satisfaction, Negative comment',
						wrap: true,
						spacing: 'None'
					},
					{ type: 'RichTextBlock', inlines: [bold('Client: '), run('Anna Müller')] },
					{
						type: 'RichTextBlock',
						inlines: [bold('Score: '), run('Overall, how satisfied are you? (1–5): 1')]
					},
					{ type: 'RichTextBlock', inlines: [bold('Assigned to: '), run('Mark Jansen')] },
					{ type: 'RichTextBlock', inlines: [bold('Due: '), run('4 Mar 2026, 09:00 UTC')] },
					{ type: 'RichTextBlock', inlines: [bold('What should we improve?')] },
					{
						type: 'RichTextBlock',
						inlines: [
							{
								type: 'TextRun',
								text: 'The flight was late again and nobody told us why.',
								italic: true
							}
						]
					}
				],
				actions: [
					{
						type: 'Action.OpenUrl',
						title: 'Open the case',
						url: 'https://satisfy.example.com/cases/12'
					}
				]
			})
		);
	});

	it('gives the digest as linked lines and a button to all overdue cases', () => {
		const alert = digestAlert(webhookEventExamples['followup.digest'], new Map(), {
			nameClients: false
		});
		expect(asSent(chatMessageBody('teams', alert))).toEqual(
			card({
				fallbackText: '1 overdue follow-up case needs attention',
				body: [
					{
						type: 'TextBlock',
						text: '1 overdue follow-up case needs attention',
						wrap: true,
						weight: 'Bolder',
						size: 'Medium'
					},
					{
						type: 'RichTextBlock',
						inlines: [
							{
								type: 'TextRun',
								text: '#12 — Mark Jansen, due 4 Mar 2026, 09:00 UTC',
								selectAction: {
									type: 'Action.OpenUrl',
									url: 'https://satisfy.example.com/cases/12'
								}
							}
						]
					}
				],
				actions: [
					{
						type: 'Action.OpenUrl',
						title: 'All overdue cases',
						url: 'https://satisfy.example.com/cases?view=overdue'
					}
				]
			})
		);
	});
});
