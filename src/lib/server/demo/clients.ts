import type { ClientInput } from '../../schemas/clients';
import type { ClientFilter } from '../../schemas/client-filter';
import { dayOffset } from '../clients/filter';
import { seededRandom } from './random';

type Market = {
	language: string;
	country: string;
	first: string[];
	last: string[];
	companies: string[];
	domain: string;
};

const markets: Market[] = [
	{
		language: 'de',
		country: 'Germany',
		domain: 'de',
		first: ['Anna', 'Lukas', 'Sophie', 'Jonas', 'Marie', 'Felix', 'Lea', 'Paul'],
		last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Becker', 'Hoffmann'],
		companies: [
			'Nordlicht Reisen',
			'Alpenflug',
			'Hansa Logistik',
			'Rheintal Versand',
			'Bergmann Werke'
		]
	},
	{
		language: 'nl',
		country: 'Netherlands',
		domain: 'nl',
		first: ['Daan', 'Emma', 'Sem', 'Julia', 'Lucas', 'Tess', 'Noah'],
		last: ['de Jong', 'Jansen', 'de Vries', 'van Dijk', 'Bakker', 'Visser'],
		companies: ['Polder Cargo', 'Tulp Travel', 'Delta Vracht', 'Grachten Groep']
	},
	{
		language: 'fi',
		country: 'Finland',
		domain: 'fi',
		first: ['Aino', 'Eino', 'Helmi', 'Väinö', 'Sofia', 'Leo', 'Ella'],
		last: ['Korhonen', 'Virtanen', 'Mäkinen', 'Nieminen', 'Hämäläinen'],
		companies: ['Revontuli Oy', 'Saimaa Logistiikka', 'Lapin Lennot']
	},
	{
		language: 'ro',
		country: 'Romania',
		domain: 'ro',
		first: ['Andrei', 'Maria', 'Ioana', 'Mihai', 'Elena', 'Vlad'],
		last: ['Popescu', 'Ionescu', 'Popa', 'Stan', 'Dumitru'],
		companies: ['Carpați Transport', 'Dunărea Cargo', 'Transilvania Zbor']
	},
	{
		language: 'en',
		country: 'United Kingdom',
		domain: 'co.uk',
		first: ['Oliver', 'Amelia', 'Harry', 'Isla', 'George', 'Ava', 'Jack'],
		last: ['Smith', 'Jones', 'Taylor', 'Brown', 'Wilson', 'Evans'],
		companies: ['Thames Freight', 'Highland Air', 'Albion Tours', 'Kestrel Shipping']
	}
];

export const demoAttributes = [
	{ key: 'country', label: 'Country', type: 'string' as const },
	{ key: 'seats', label: 'Seats booked per year', type: 'number' as const }
];

export const demoSegments: { name: string; filter: ClientFilter }[] = [
	{ name: 'Enterprise, Germany', filter: { tags: ['Enterprise'], languages: ['de'] } },
	{ name: 'Lapsed 90 days', filter: { noPurchaseInDays: 90 } },
	{ name: 'Renewal in 60–90 days', filter: { renewalInDays: { from: 60, to: 90 } } },
	{ name: 'Nordics and Benelux SMB', filter: { tags: ['SMB'], languages: ['fi', 'nl'] } },
	{ name: 'Reachable key accounts', filter: { tags: ['Key account'], reachability: 'reachable' } }
];

const ascii = (text: string) =>
	text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z]+/g, '.');

/** ~500 varied clients across five languages, the same ones on every run (dates follow today). */
export function demoClients(
	accountManagerEmails: string[],
	today = new Date(),
	count = 500
): ClientInput[] {
	const random = seededRandom(20261122);
	return Array.from({ length: count }, (_, index) => {
		const market = random.pick(markets);
		const first = random.pick(market.first);
		const last = random.pick(market.last);
		const company = random.pick(market.companies);
		const enterprise = random.chance(0.3);
		const tags = [enterprise ? 'Enterprise' : 'SMB'];
		if (random.chance(0.15)) tags.push('Key account');
		if (random.chance(0.2)) tags.push(random.pick(['Charter', 'Cargo', 'Travel agency']));
		return {
			email: `${ascii(first)}.${ascii(last)}.${index}@${ascii(company).replace(/\./g, '')}.${market.domain}`,
			name: `${first} ${last}`,
			phone: random.chance(0.7)
				? `+${random.integer(30, 49)} ${random.integer(100, 999)} ${random.integer(100000, 999999)}`
				: null,
			company,
			language: market.language,
			tags,
			accountManager: random.chance(0.92) ? random.pick(accountManagerEmails) : null,
			clientSince: dayOffset(today, -random.integer(120, 3650)),
			lastPurchaseOn: dayOffset(today, -random.integer(1, 400)),
			renewalOn: enterprise || random.chance(0.4) ? dayOffset(today, random.integer(5, 365)) : null,
			annualValue: enterprise ? random.integer(40, 900) * 1000 : random.integer(2, 40) * 1000,
			consent: random.chance(0.9),
			consentSource: 'contract',
			unsubscribed: random.chance(0.04),
			attributes: {
				country: market.country,
				seats: String(enterprise ? random.integer(200, 5000) : random.integer(5, 200))
			}
		};
	});
}
