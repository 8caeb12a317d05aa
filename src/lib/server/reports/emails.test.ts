import { describe, expect, it } from 'vitest';
import { reportEmail } from './emails';
import type { ViewReport } from './view-report';

/** Any HTML tag: the text part is for mail clients that show no HTML. */
const tag = /<\/?[a-z][^>]*>/i;

const report: ViewReport = {
	period: '2026-11',
	modelName: 'ACSI',
	problem: null,
	csi: { value: 19.4, ciLow: 2.1, ciHigh: 36.7, ciClipped: false, n: 4, sd: 12, lowN: true },
	previous: '2026-10',
	change: { delta: -70.4, p: 0.001, pAdjusted: 0.002, significant: true, test: 'welch' },
	moved: [{ name: 'Punctual departure', delta: -79.2, significant: true }],
	negative: [{ text: 'Terrible delay again', day: '2026-11-20', kind: 'answer' }],
	cases: { open: 2, overdue: 1 }
};
const view = 'granularity=month';

describe('the report email', () => {
	it('has the figures in both parts and a button to the view', () => {
		const email = reportEmail('Airline', 'monthly', view, report, 'en');
		expect(email.subject).toBe('Monthly report “Airline”, Nov 2026: CSI 19.4');
		expect(email.html).toContain('<html lang="en">');
		expect(email.html).toMatch(
			/<a href="http:\/\/localhost:3000\/dashboard\?granularity=month"[^>]*>Open the view<\/a>/
		);
		expect(email.html).toContain('Factors that moved</h2>');
		expect(email.text).toContain('Airline (model ACSI)\n\nCustomer Satisfaction Index, Nov 2026');
		expect(email.text).toContain('n = 4, fewer than 30 answers: treat as unreliable');
		expect(email.text).toContain('- Punctual departure: −79.2 points, significant');
		expect(email.text).toContain('- 2026-11-20, answer: “Terrible delay again”');
		expect(email.text).toContain('- 2 open, 1 overdue.');
		expect(email.text).toMatch(
			/Open the view: http:\/\/localhost:3000\/dashboard\?granularity=month\n/
		);
		expect(email.text).not.toMatch(tag);
	});

	it('speaks the subscriber’s language', () => {
		const email = reportEmail('Airline', 'weekly', view, report, 'de');
		expect(email.subject).toMatch(/^Wochenbericht „Airline“, .+: CSI /);
		expect(email.html).toContain('<html lang="de">');
		expect(email.html).toMatch(
			/<a href="http:\/\/localhost:3000\/dashboard\?granularity=month"[^>]*>Ansicht öffnen<\/a>/
		);
		expect(email.text).toContain('Veränderte Faktoren');
		expect(email.text).toContain('Antwort: „Terrible delay again“');
		expect(email.text).toContain(
			'Ansicht öffnen: http://localhost:3000/dashboard?granularity=month'
		);
		expect(email.text).not.toMatch(tag);
	});

	it('says why a view no longer works instead of figures', () => {
		const email = reportEmail(
			'Airline',
			'monthly',
			view,
			{ ...report, problem: 'No survey measures a CSI model any more.' },
			null
		);
		expect(email.subject).toBe('Monthly report “Airline”, Nov 2026');
		expect(email.text).toContain('This view no longer works\n- No survey measures a CSI model');
		expect(email.text).not.toContain('Customer Satisfaction Index');
	});
});
