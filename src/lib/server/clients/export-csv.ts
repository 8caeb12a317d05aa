import Papa from 'papaparse';
import { neutraliseFormula } from '../../csv/write';
import type { ClientCard } from './queries';

const columns = [
	'email',
	'name',
	'company',
	'phone',
	'language',
	'tags',
	'account manager',
	'client since',
	'last purchase',
	'renewal',
	'annual value',
	'consent',
	'consent source',
	'unsubscribed'
];

/**
 * Clients as a CSV file that imports back unchanged. Every cell that a spreadsheet would run as
 * a formula (`= + - @`) is neutralised: client data is typed by outsiders.
 */
export function clientsCsv(clients: ClientCard[], attributeKeys: string[]): string {
	const rows = clients.map((client) => {
		const attributes = new Map(client.attributes.map((a) => [a.key, a.value]));
		return [
			client.email,
			client.name,
			client.company ?? '',
			client.phone ?? '',
			client.language,
			client.tags.join('|'),
			client.accountManager?.email ?? '',
			client.clientSince ?? '',
			client.lastPurchaseOn ?? '',
			client.renewalOn ?? '',
			client.annualValue?.toString() ?? '',
			client.consentAt ? 'yes' : 'no',
			client.consentSource ?? '',
			client.unsubscribedAt ? 'yes' : 'no',
			...attributeKeys.map((key) => attributes.get(key) ?? '')
		].map(neutraliseFormula);
	});
	return Papa.unparse(
		{ fields: [...columns, ...attributeKeys].map(neutraliseFormula), data: rows },
		{ newline: '\r\n' }
	);
}
