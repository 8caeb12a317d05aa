import type { WebhookEventData } from './event-data';
import type { WebhookEvent } from './events';

const openedCase: WebhookEventData<'followup.created'> = {
	caseId: 12,
	url: 'https://satisfy.example.com/cases/12',
	status: 'open',
	clientId: 31,
	responseId: 845,
	reviewId: null,
	triggers: ['lowOverall', 'negativeAnswer'],
	items: [
		{ label: 'Overall, how satisfied are you? (1–5)', score: 1 },
		{
			label: 'What should we improve?',
			text: 'The flight was late again and nobody told us why.',
			sentiment: 'negative',
			words: ['late']
		}
	],
	assignee: { name: 'Mark Jansen', email: 'mark@satisfy.example.com' },
	dueAt: '2026-03-04T09:00:00.000Z',
	createdAt: '2026-03-02T09:00:00.000Z',
	resolvedAt: null,
	resolutionNote: null
};

/** One example of each event's `data`, shown in the OpenAPI document (a test checks each against its schema). */
export const webhookEventExamples: { [E in WebhookEvent]: WebhookEventData<E> } = {
	'response.completed': {
		responseId: 845,
		surveyId: 3,
		surveyVersion: 2,
		clientId: 31,
		submittedAt: '2026-03-02T08:59:58.000Z',
		language: 'en',
		answers: [
			{ questionId: 'overall', score: 1, notApplicable: false, text: null, choices: null },
			{
				questionId: 'improve',
				score: null,
				notApplicable: false,
				text: 'The flight was late again and nobody told us why.',
				choices: null
			}
		]
	},
	'followup.created': openedCase,
	'followup.resolved': {
		...openedCase,
		status: 'resolved',
		resolvedAt: '2026-03-03T14:20:00.000Z',
		resolutionNote: 'Called back and rebooked; voucher sent.'
	},
	'followup.digest': {
		total: 1,
		url: 'https://satisfy.example.com/cases?view=overdue',
		cases: [
			{
				caseId: 12,
				url: 'https://satisfy.example.com/cases/12',
				clientId: 31,
				assignee: { name: 'Mark Jansen', email: 'mark@satisfy.example.com' },
				dueAt: '2026-03-04T09:00:00.000Z'
			}
		]
	},
	'review.imported': {
		reviewId: 77,
		source: 'trustpilot',
		externalId: 'tp-5f2a9c',
		author: 'Anna M.',
		stars: 2,
		title: 'Late again',
		text: 'Our flight left two hours late and nobody told us why.',
		reviewedAt: '2026-03-01T18:00:00.000Z',
		language: 'en',
		clientId: null,
		sentiment: 'negative'
	}
};

/** A whole body as a `satisfy` webhook receives it, for the OpenAPI document. */
export const webhookPayloadExample = <E extends WebhookEvent>(event: E) => ({
	id: '3b241101-e2bb-4255-8caf-4136c566a962',
	event,
	createdAt: '2026-03-02T09:00:00.000Z',
	data: webhookEventExamples[event]
});
