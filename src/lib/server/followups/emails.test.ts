import { describe, expect, it } from 'vitest';
import { caseAssignedEmail, overdueDigestEmail, type CaseSummary } from './emails';

/** Any HTML tag: the text part is for mail clients that show no HTML. */
const tag = /<\/?[a-z][^>]*>/i;

const summary: CaseSummary = {
	id: 7,
	clientName: 'Anna',
	triggers: ['lowOverall'],
	items: [{ label: 'Overall, how satisfied are you with us? (1–5)', score: 1, text: 'Too slow' }],
	dueAt: new Date('2026-03-04T09:00:00Z')
};
const overdue = [
	{
		id: 7,
		clientId: 1,
		clientName: 'Anna',
		assignee: { name: 'Mark', email: 'mark@staff.test' },
		dueAt: new Date('2026-03-04T09:00:00Z')
	}
];

describe('the email about a new follow-up case', () => {
	it('tells the assignee why, by when, with a button to the case and the same in plain text', () => {
		const email = caseAssignedEmail(summary, { kind: 'created' }, 'en');
		expect(email.subject).toBe('Follow-up case #7: Anna');
		expect(email.html).toContain('<html lang="en">');
		expect(email.html).toMatch(
			/<a href="http:\/\/localhost:3000\/cases\/7"[^>]*>Open the case<\/a>/
		);
		expect(email.text).toContain(
			'A follow-up case for Anna was opened and assigned to you: Low overall satisfaction.'
		);
		expect(email.text).toContain('- Overall, how satisfied are you with us? (1–5): 1 — “Too slow”');
		expect(email.text).toContain('Open the case: http://localhost:3000/cases/7');
		expect(email.text).not.toMatch(tag);
	});

	it('speaks the assignee’s language, and English to one who chose none', () => {
		const german = caseAssignedEmail(summary, { kind: 'reassigned', by: 'Olga' }, 'de');
		expect(german.subject).toBe('Follow-up-Fall #7: Anna');
		expect(german.html).toContain('<html lang="de">');
		expect(german.html).toMatch(
			/<a href="http:\/\/localhost:3000\/cases\/7"[^>]*>Fall öffnen<\/a>/
		);
		expect(german.text).toContain('Olga hat Ihnen den Follow-up-Fall für Anna zugewiesen');
		expect(german.text).toContain('„Too slow“');
		expect(german.text).toContain('Fall öffnen: http://localhost:3000/cases/7');
		expect(german.text).not.toMatch(tag);

		expect(caseAssignedEmail(summary, { kind: 'created' }, null).subject).toBe(
			'Follow-up case #7: Anna'
		);
	});

	it('escapes what people typed in the HTML part', () => {
		const email = caseAssignedEmail(
			{ ...summary, clientName: '<img src=x onerror=alert(1)>' },
			{ kind: 'created' },
			'en'
		);
		expect(email.html).not.toContain('<img');
		expect(email.html).toContain('&lt;img src=x onerror=alert(1)');
	});
});

describe('the overdue digest', () => {
	it('lists each case with its link, counts those left out, and links the whole list', () => {
		const email = overdueDigestEmail(overdue, 3, 'en');
		expect(email.subject).toBe('Satisfy: 3 overdue follow-up cases');
		expect(email.html).toMatch(
			/<a href="http:\/\/localhost:3000\/cases\/7"[^>]*>#7 Anna — Mark, due [^<]+<\/a>/
		);
		expect(email.html).toMatch(
			/<a href="http:\/\/localhost:3000\/cases\?view=overdue"[^>]*>All overdue cases<\/a>/
		);
		expect(email.text).toMatch(/^3 overdue follow-up cases need attention:$/m);
		expect(email.text).toMatch(/^- #7 Anna — Mark, due .+: http:\/\/localhost:3000\/cases\/7$/m);
		expect(email.text).toContain('… and 2 more.');
		expect(email.text).toContain('All overdue cases: http://localhost:3000/cases?view=overdue');
		expect(email.text).not.toMatch(tag);
	});

	it('speaks each owner’s language, with the count in the right plural form', () => {
		const german = overdueDigestEmail(overdue, 1, 'de');
		expect(german.subject).toBe('Satisfy: 1 überfälliger Follow-up-Fall');
		expect(german.html).toContain('<html lang="de">');
		expect(german.html).toMatch(
			/<a href="http:\/\/localhost:3000\/cases\?view=overdue"[^>]*>Alle überfälligen Fälle<\/a>/
		);
		expect(german.text).toContain('#7 Anna — Mark, fällig ');
		expect(german.text).toContain(
			'Alle überfälligen Fälle: http://localhost:3000/cases?view=overdue'
		);
		expect(german.text).not.toMatch(tag);
	});
});
