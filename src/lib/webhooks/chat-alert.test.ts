import { describe, expect, it } from 'vitest';
import { caseAlert, digestAlert, excerpt } from './chat-alert';
import type { OverdueDigestData } from './event-data';
import { webhookEventExamples } from './event-examples';

const opened = webhookEventExamples['followup.created'];
const resolved = webhookEventExamples['followup.resolved'];
const hidden = { nameClients: false };
const named = { nameClients: true };

describe('a case as a chat alert', () => {
	it('says which case, why, the score, the comment, who has it and by when, with a link to it', () => {
		expect(caseAlert('followup.created', opened, 'Anna Müller', hidden)).toEqual({
			summary: 'Follow-up case #12 opened: Low overall satisfaction, Negative comment',
			title: 'Follow-up case #12 opened',
			reason: 'Low overall satisfaction, Negative comment',
			facts: [
				{ label: 'Score', value: 'Overall, how satisfied are you? (1–5): 1' },
				{ label: 'Assigned to', value: 'Mark Jansen' },
				{ label: 'Due', value: '4 Mar 2026, 09:00 UTC' }
			],
			quotes: [
				{
					label: 'What should we improve?',
					text: 'The flight was late again and nobody told us why.'
				}
			],
			links: [],
			more: null,
			action: { label: 'Open the case', url: 'https://satisfy.example.com/cases/12' }
		});
	});

	it('names the client only where the channel may know, and an anonymous respondent as such', () => {
		expect(caseAlert('followup.created', opened, 'Anna Müller', named).facts[0]).toEqual({
			label: 'Client',
			value: 'Anna Müller'
		});
		expect(
			caseAlert('followup.created', { ...opened, clientId: null }, null, named).facts[0]
		).toEqual({ label: 'Client', value: 'Anonymous respondent' });
		expect(
			JSON.stringify(caseAlert('followup.created', opened, 'Anna Müller', hidden))
		).not.toContain('Anna');
	});

	it('tells a resolution with its date and note, and an unassigned case as such', () => {
		const alert = caseAlert('followup.resolved', { ...resolved, assignee: null }, 'Anna', hidden);
		expect(alert.title).toBe('Follow-up case #12 resolved');
		expect(alert.facts).toEqual([
			{ label: 'Score', value: 'Overall, how satisfied are you? (1–5): 1' },
			{ label: 'Assigned to', value: 'Unassigned' },
			{ label: 'Resolved', value: '3 Mar 2026, 14:20 UTC' }
		]);
		expect(alert.quotes.at(-1)).toEqual({
			label: 'Resolution',
			text: 'Called back and rebooked; voucher sent.'
		});
	});

	it('trims a long comment to one line of 300 characters', () => {
		const long = `${'Late. '.repeat(80)}\n\nAgain.`;
		const [quote] = caseAlert(
			'followup.created',
			{ ...opened, items: [{ label: 'Comment', text: long }] },
			null,
			hidden
		).quotes;
		expect(quote!.text).toHaveLength(300);
		expect(quote!.text).toMatch(/^Late\. Late\..*Late\.…$/);
		expect(quote!.text).not.toContain('\n');
	});
});

describe('the overdue digest as a chat alert', () => {
	const entry = (caseId: number, clientId: number | null) => ({
		caseId,
		url: `https://satisfy.example.com/cases/${caseId}`,
		clientId,
		assignee: caseId % 2 ? { name: 'Mark Jansen', email: 'mark@satisfy.example.com' } : null,
		dueAt: '2026-03-04T09:00:00.000Z'
	});
	const digest: OverdueDigestData = {
		total: 13,
		url: 'https://satisfy.example.com/cases?view=overdue',
		cases: Array.from({ length: 11 }, (_, index) => entry(index + 1, index === 1 ? null : 30))
	};
	const names = new Map([[30, 'Anna Müller']]);

	it('lists ten cases, the longest overdue first, counts the rest and links to all', () => {
		const alert = digestAlert(digest, names, hidden);
		expect(alert.title).toBe('13 overdue follow-up cases need attention');
		expect(alert.links).toHaveLength(10);
		expect(alert.links.slice(0, 2)).toEqual([
			{
				text: '#1 — Mark Jansen, due 4 Mar 2026, 09:00 UTC',
				url: 'https://satisfy.example.com/cases/1'
			},
			{
				text: '#2 — unassigned, due 4 Mar 2026, 09:00 UTC',
				url: 'https://satisfy.example.com/cases/2'
			}
		]);
		expect(alert.more).toBe('… and 3 more.');
		expect(alert.action).toEqual({
			label: 'All overdue cases',
			url: 'https://satisfy.example.com/cases?view=overdue'
		});
	});

	it('names clients only where the channel may know', () => {
		const [first, second] = digestAlert(digest, names, named).links;
		expect(first!.text).toBe('#1 Anna Müller — Mark Jansen, due 4 Mar 2026, 09:00 UTC');
		expect(second!.text).toBe('#2 Anonymous respondent — unassigned, due 4 Mar 2026, 09:00 UTC');
		expect(
			digestAlert({ ...digest, total: 1, cases: digest.cases.slice(0, 1) }, names, named)
		).toMatchObject({ title: '1 overdue follow-up case needs attention', more: null });
	});
});

describe('excerpt', () => {
	it('keeps short text, and cuts long text between characters, never inside an emoji', () => {
		expect(excerpt('  Fine,\n thanks ', 20)).toBe('Fine, thanks');
		expect(excerpt('✈️✈️✈️✈️', 3)).toBe('✈️✈️…');
		expect(excerpt('👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧', 3)).toBe('👩‍👩‍👧👩‍👩‍👧…');
	});
});
