import { describe, expect, it } from 'vitest';
import { caseAlert, digestAlert } from './chat-alert';
import { chatMessageBody } from './chat-message';
import { webhookEventExamples } from './event-examples';

const opened = webhookEventExamples['followup.created'];
const asSent = (body: string) => JSON.parse(body) as unknown;

describe('a Slack message', () => {
	it('gives a new case as text for notifications and blocks: headline, facts, comment, button', () => {
		const alert = caseAlert('followup.created', opened, 'Anna Müller', { nameClients: true });
		expect(asSent(chatMessageBody('slack', alert))).toEqual({
			text: 'Follow-up case #12 opened: Low overall satisfaction, Negative comment',
			blocks: [
				{
					type: 'section',
					text: {
						type: 'mrkdwn',
						text: '*Follow-up case #12 opened*\nLow overall satisfaction, Negative comment'
					}
				},
				{
					type: 'section',
					fields: [
						{ type: 'mrkdwn', text: '*Client*\nAnna Müller' },
						{ type: 'mrkdwn', text: '*Score*\nOverall, how satisfied are you? (1–5): 1' },
						{ type: 'mrkdwn', text: '*Assigned to*\nMark Jansen' },
						{ type: 'mrkdwn', text: '*Due*\n4 Mar 2026, 09:00 UTC' }
					]
				},
				{
					type: 'section',
					text: {
						type: 'mrkdwn',
						text: '*What should we improve?*\n>The flight was late again and nobody told us why.'
					}
				},
				{
					type: 'actions',
					elements: [
						{
							type: 'button',
							text: { type: 'plain_text', text: 'Open the case' },
							url: 'https://satisfy.example.com/cases/12'
						}
					]
				}
			]
		});
	});

	it('gives the digest as a list of links to the cases and a button to all of them', () => {
		const alert = digestAlert(
			webhookEventExamples['followup.digest'],
			new Map([[31, 'Anna Müller']]),
			{ nameClients: false }
		);
		expect(asSent(chatMessageBody('slack', alert))).toEqual({
			text: '1 overdue follow-up case needs attention',
			blocks: [
				{
					type: 'section',
					text: { type: 'mrkdwn', text: '*1 overdue follow-up case needs attention*' }
				},
				{
					type: 'section',
					text: {
						type: 'mrkdwn',
						text: '• <https://satisfy.example.com/cases/12|#12 — Mark Jansen, due 4 Mar 2026, 09:00 UTC>'
					}
				},
				{
					type: 'actions',
					elements: [
						{
							type: 'button',
							text: { type: 'plain_text', text: 'All overdue cases' },
							url: 'https://satisfy.example.com/cases?view=overdue'
						}
					]
				}
			]
		});
	});

	it('shows what people wrote as written: no mention of the whole channel, no link of theirs', () => {
		const alert = caseAlert(
			'followup.created',
			{
				...opened,
				items: [{ label: 'Comment', text: 'Refund <!channel> & <https://evil.example|here>' }]
			},
			'<!here> Anna',
			{ nameClients: true }
		);
		const body = chatMessageBody('slack', alert);
		expect(body).not.toMatch(/<!|<https:\/\/evil/);
		expect(asSent(body)).toMatchObject({
			blocks: [
				{},
				{ fields: [{ text: '*Client*\n&lt;!here&gt; Anna' }, {}, {}] },
				{
					text: {
						text: '*Comment*\n>Refund &lt;!channel&gt; &amp; &lt;https://evil.example|here&gt;'
					}
				},
				{}
			]
		});
	});
});
