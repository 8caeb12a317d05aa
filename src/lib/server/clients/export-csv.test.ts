import { describe, expect, it } from 'vitest';
import { guessMapping, parseClientCsv } from './csv-import';
import { clientsCsv } from './export-csv';
import type { ClientCard } from './queries';

const client = (fields: Partial<ClientCard>): ClientCard =>
	({
		id: 1,
		email: 'a@example.com',
		name: 'A',
		phone: null,
		company: null,
		language: 'en',
		accountManagerId: null,
		clientSince: null,
		lastPurchaseOn: null,
		renewalOn: null,
		annualValue: null,
		consentAt: null,
		consentSource: null,
		unsubscribedAt: null,
		lastAnsweredAt: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		accountManager: null,
		tags: [],
		attributes: [],
		...fields
	}) as ClientCard;

describe('client CSV export', () => {
	it('neutralises cells a spreadsheet would run as formulas', () => {
		const csv = clientsCsv(
			[
				client({
					name: '=HYPERLINK("http://evil")',
					company: '+1 Corp',
					phone: '-5',
					tags: ['@home']
				})
			],
			[]
		);
		expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
		expect(csv).toContain("'+1 Corp");
		expect(csv).toContain("'-5");
		expect(csv).toContain("'@home");
	});

	it('writes a file the import reads back, custom fields included', () => {
		const csv = clientsCsv(
			[
				client({
					tags: ['Enterprise', 'DACH'],
					renewalOn: '2027-01-31',
					attributes: [{ key: 'seats', label: 'Seats', type: 'number', value: '40' }]
				})
			],
			['seats']
		);
		const parsed = parseClientCsv(csv);
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		const mapping = guessMapping(parsed.csv.headers, ['seats']);
		expect(mapping).toEqual([
			'email',
			'name',
			'company',
			'phone',
			'language',
			'tags',
			'accountManager',
			'clientSince',
			'lastPurchaseOn',
			'renewalOn',
			'annualValue',
			'consent',
			'consentSource',
			'unsubscribed',
			'attribute:seats'
		]);
	});
});
