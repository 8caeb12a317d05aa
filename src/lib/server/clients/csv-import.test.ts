import { describe, expect, it } from 'vitest';
import type { ParsedCsv } from '../../csv/read';
import {
	createRowValidator,
	guessMapping,
	type ImportContext,
	importFields,
	mappingProblems,
	parseClientCsv,
	validateRows
} from './csv-import';

const context: ImportContext = {
	attributes: [
		{ key: 'country', type: 'string' },
		{ key: 'seats', type: 'number' },
		{ key: 'contract_start', type: 'date' }
	],
	staffEmails: new Set(['mia@agency.test']),
	defaultLanguage: 'en'
};
const attributeKeys = context.attributes.map((attribute) => attribute.key);

const lines = (...rows: string[]) => rows.join('\n') + '\n';
const windowsLines = (...rows: string[]) => rows.join('\r\n') + '\r\n';
const utf8 = (text: string) => new TextEncoder().encode(text);

function parsed(file: Uint8Array | string): ParsedCsv {
	const result = parseClientCsv(file);
	if (!result.ok) throw new Error(`Expected the file to parse, got: ${result.message}`);
	return result.csv;
}

/** The whole import as a user sees it: upload, accept the guessed mapping, get clients or issues. */
function importFile(file: Uint8Array | string) {
	const csv = parsed(file);
	return validateRows(csv, guessMapping(csv.headers, attributeKeys), context);
}

describe('reading a CSV file', () => {
	it('turns a clean comma-separated file into clients', () => {
		const { clients, issues } = importFile(
			lines(
				'Email,Name,Company,Language,Tags,Annual value,Country',
				'Ana@Example.com,Ana Pop,Acme,ro,"vip, partner",12500.50,Romania',
				'bob@example.com,Bob Berg,,,,,'
			)
		);
		expect(issues).toEqual([]);
		expect(clients).toEqual([
			{
				line: 2,
				client: expect.objectContaining({
					email: 'ana@example.com',
					name: 'Ana Pop',
					company: 'Acme',
					language: 'ro',
					tags: ['vip', 'partner'],
					annualValue: 12500.5,
					attributes: { country: 'Romania' }
				})
			},
			{
				line: 3,
				client: expect.objectContaining({
					email: 'bob@example.com',
					language: 'en',
					tags: [],
					attributes: {}
				})
			}
		]);
	});

	it('reads semicolon-separated files that start with a byte order mark', () => {
		const csv = parsed(
			utf8('\uFEFF' + lines('email;name;company', 'ana@example.com;Ana;"Pop; Partners"'))
		);
		expect(csv.delimiter).toBe(';');
		expect(csv.headers).toEqual(['email', 'name', 'company']);
		expect(csv.rows).toEqual([['ana@example.com', 'Ana', 'Pop; Partners']]);
	});

	it('reads tab-separated files', () => {
		const csv = parsed(lines('email\tname', 'ana@example.com\tAna, the first'));
		expect(csv.delimiter).toBe('\t');
		expect(csv.rows).toEqual([['ana@example.com', 'Ana, the first']]);
	});

	it('reads a file with a single column', () => {
		expect(parsed(lines('email', 'ana@example.com')).rows).toEqual([['ana@example.com']]);
	});

	it('keeps line breaks, separators and quotes inside quoted cells, and numbers later rows by their line in the file', () => {
		const csv = parsed(
			lines(
				'email,name,company',
				'ana@example.com,Ana,"Acme',
				'Research, Lab"',
				'bob@example.com,"Bob ""The Builder""",Bob\'s',
				'cem@example.com,Cem,"line one',
				'line two',
				'line three"',
				'dora@example.com,Dora,'
			)
		);
		expect(csv.rows).toEqual([
			['ana@example.com', 'Ana', 'Acme\nResearch, Lab'],
			['bob@example.com', 'Bob "The Builder"', "Bob's"],
			['cem@example.com', 'Cem', 'line one\nline two\nline three'],
			['dora@example.com', 'Dora', '']
		]);
		expect(csv.lines).toEqual([2, 4, 5, 8]);
	});

	it('reads Windows line endings, also inside quoted cells', () => {
		const csv = parsed(
			windowsLines(
				'email,name,company',
				'ana@example.com,Ana,"Acme',
				'Lab"',
				'bob@example.com,Bob,'
			)
		);
		expect(csv.headers).toEqual(['email', 'name', 'company']);
		expect(csv.rows).toEqual([
			['ana@example.com', 'Ana', 'Acme\r\nLab'],
			['bob@example.com', 'Bob', '']
		]);
		expect(csv.lines).toEqual([2, 4]);
	});

	it('skips blank rows and trailing empty lines but keeps counting lines', () => {
		const csv = parsed(
			lines('email,name', '', 'ana@example.com,Ana', ',', '  ', 'bob@example.com,Bob', '', '')
		);
		expect(csv.rows).toEqual([
			['ana@example.com', 'Ana'],
			['bob@example.com', 'Bob']
		]);
		expect(csv.lines).toEqual([3, 6]);
	});

	it('reads an Excel "CSV UTF-8" export with its sep= line, semicolons, quotes and European numbers and dates', () => {
		const excelExport = utf8(
			'\uFEFF' +
				windowsLines(
					'sep=;',
					'E-Mail-Adresse;Name;Firma;Sprache;Kunde seit;Jahresumsatz;Segmente;contract_start;Seats',
					'jonas@example.de;Jonas Müller;"Müller; Söhne GmbH";de;31.12.2024;1234,50;"A-Kunde; Messe";01.02.2025;12,5',
					'"anke@example.de";"Anke ""die Schnelle"" Bauer";;;;;;;'
				)
		);
		const csv = parsed(excelExport);
		expect(csv.delimiter).toBe(';');
		expect(csv.lines).toEqual([3, 4]);

		const { clients, issues } = importFile(excelExport);
		expect(issues).toEqual([]);
		expect(clients).toEqual([
			{
				line: 3,
				client: expect.objectContaining({
					email: 'jonas@example.de',
					name: 'Jonas Müller',
					company: 'Müller; Söhne GmbH',
					language: 'de',
					clientSince: '2024-12-31',
					annualValue: 1234.5,
					tags: ['A-Kunde', 'Messe'],
					attributes: { contract_start: '2025-02-01', seats: '12.5' }
				})
			},
			{
				line: 4,
				client: expect.objectContaining({
					email: 'anke@example.de',
					name: 'Anke "die Schnelle" Bauer'
				})
			}
		]);
	});

	it('accepts a header row without any clients', () => {
		expect(parseClientCsv('email,name\r\n')).toEqual({
			ok: true,
			csv: { headers: ['email', 'name'], rows: [], lines: [], headerLine: 1, delimiter: ',' }
		});
	});

	it('refuses an empty file', () => {
		for (const empty of ['', '\uFEFF', '\n\n', utf8('')]) {
			expect(parseClientCsv(empty)).toEqual({
				ok: false,
				message: expect.stringContaining('The file is empty')
			});
		}
	});
});

describe('guessing which column holds which field', () => {
	it('recognises English headers whatever their case, spacing and punctuation', () => {
		const headers = [
			'E-mail address',
			'FULL NAME',
			'Phone',
			'company',
			'Language',
			'Segments',
			'Account manager',
			'Customer since',
			'Last purchase',
			'Contract renewal',
			'Revenue',
			'Consent',
			'Consent source',
			'Unsubscribed'
		];
		// The labels above are listed in the order of the fields.
		expect(guessMapping(headers, [])).toEqual([...importFields]);
	});

	it('recognises German, Dutch, Finnish and Romanian headers', () => {
		expect(
			guessMapping(
				['E-Mail', 'Name', 'Telefon', 'Firma', 'Sprache', 'Kundenbetreuer', 'Kunde seit'],
				[]
			)
		).toEqual(['email', 'name', 'phone', 'company', 'language', 'accountManager', 'clientSince']);
		expect(guessMapping(['e-mail adres', 'Naam', 'Telefoon', 'Bedrijf', 'Taal'], [])).toEqual([
			'email',
			'name',
			'phone',
			'company',
			'language'
		]);
		expect(guessMapping(['Sähköposti', 'Nimi', 'Puhelin', 'Yritys', 'Kieli'], [])).toEqual([
			'email',
			'name',
			'phone',
			'company',
			'language'
		]);
		expect(guessMapping(['Adresa de email', 'Nume', 'Companie', 'Limba'], [])).toEqual([
			'email',
			'name',
			'company',
			'language'
		]);
	});

	it('maps columns named like a workspace attribute to that attribute', () => {
		expect(
			guessMapping(['email', 'Country', 'Contract start', 'SEATS', 'Region'], attributeKeys)
		).toEqual(['email', 'attribute:country', 'attribute:contract_start', 'attribute:seats', null]);
	});

	it('gives each field to one column only, preferring the closest match', () => {
		expect(guessMapping(['Customer name', 'Email', 'Name', 'E-mail'], [])).toEqual([
			null,
			'email',
			'name',
			null
		]);
	});

	it('leaves headers it does not know unmapped', () => {
		expect(guessMapping(['Notes', '', 'Lieblingsfarbe'], [])).toEqual([null, null, null]);
	});
});

describe('checking a mapping before import', () => {
	it('accepts a mapping with email and name', () => {
		expect(mappingProblems(['email', null, 'name'], ['Email', 'Notes', 'Name'])).toEqual([]);
	});

	it('asks for the columns every client needs', () => {
		expect(mappingProblems([null, 'company'], ['Mail', 'Company'])).toEqual([
			'Map a column to Email',
			'Map a column to Name'
		]);
	});

	it('names the columns that are mapped to the same field', () => {
		expect(mappingProblems(['email', 'name', 'name'], ['Email', 'Name', 'Full name'])).toEqual([
			'Two columns are mapped to Name: "Name" and "Full name"'
		]);
	});

	it('reports attributes that the workspace does not have', () => {
		expect(
			mappingProblems(
				['email', 'name', 'attribute:region'],
				['Email', 'Name', 'Region'],
				attributeKeys
			)
		).toEqual(['There is no attribute "region": create it first or leave "Region" unmapped']);
	});
});

describe('validating rows', () => {
	it('reports every bad line with its line number, column and reason', () => {
		const { clients, issues } = importFile(
			lines(
				'Email,Name,Language,Client since,Account manager',
				'ana@example.com,Ana,de,2024-01-15,Mia@Agency.test',
				'not-an-email,Bob,nl,,',
				'cem@example.com,Cem,elvish,,',
				'dora@example.com,Dora,fi,2024-02-30,',
				'eli@example.com,Eli,ro,,boss@elsewhere.test',
				'ANA@example.com,Ana again,en,,',
				'fay@example.com,Fay,,,'
			)
		);
		expect(clients.map(({ line }) => line)).toEqual([2, 8]);
		expect(issues).toEqual([
			{ line: 3, column: 'Email', message: 'Not a valid email address' },
			{
				line: 4,
				column: 'Language',
				message: 'Unknown language "elvish": use a code like de, nl, fi, ro or en'
			},
			{
				line: 5,
				column: 'Client since',
				message: '"2024-02-30" is not a date: use YYYY-MM-DD, e.g. 2025-03-31'
			},
			{
				line: 6,
				column: 'Account manager',
				message: 'Unknown account manager "boss@elsewhere.test": use the email of a staff user'
			},
			{ line: 7, column: 'Email', message: 'Duplicate of line 2' }
		]);
	});

	it('reports all problems of a row, left to right', () => {
		const { issues } = importFile(
			lines('Name,Email,Renewal,Annual value,Seats,Consent', ',x@,someday,lots,many,maybe')
		);
		expect(issues).toEqual([
			{ line: 2, column: 'Name', message: 'Required, but the cell is empty' },
			{ line: 2, column: 'Email', message: 'Not a valid email address' },
			{
				line: 2,
				column: 'Renewal',
				message: '"someday" is not a date: use YYYY-MM-DD, e.g. 2025-03-31'
			},
			{
				line: 2,
				column: 'Annual value',
				message: '"lots" is not an amount: use digits like 12500 or 12500.50'
			},
			{ line: 2, column: 'Seats', message: '"many" is not a number: use digits like 12.5' },
			{ line: 2, column: 'Consent', message: '"maybe" is not yes or no' }
		]);
	});

	it('treats empty cells as not given', () => {
		const { clients } = importFile(
			lines('email,name,phone,company,consent,unsubscribed', 'ana@example.com,Ana, ,,,')
		);
		expect(clients[0]?.client).toEqual(
			expect.objectContaining({ language: 'en', consent: false, unsubscribed: false, tags: [] })
		);
		expect(clients[0]?.client.phone ?? null).toBeNull();
		expect(clients[0]?.client.company ?? null).toBeNull();
	});

	it('splits tags on commas, semicolons and bars, dropping empty and repeated ones', () => {
		const { clients } = importFile(
			lines('email,name,tags', 'ana@example.com,Ana,"VIP; partner|vip,, Partner ,Event 2025"')
		);
		expect(clients[0]?.client.tags).toEqual(['VIP', 'partner', 'Event 2025']);
	});

	it('stores attribute values in one spelling per type', () => {
		const { clients } = importFile(
			lines(
				'email,name,country,seats,contract_start',
				'ana@example.com,Ana, Romania ,"1234,50",5.3.2025'
			)
		);
		expect(clients[0]?.client.attributes).toEqual({
			country: 'Romania',
			seats: '1234.5',
			contract_start: '2025-03-05'
		});
	});

	it('reads yes/no columns in several languages', () => {
		const { clients } = importFile(
			lines(
				'email,name,consent,unsubscribed',
				'ana@example.com,Ana,ja,nein',
				'bob@example.com,Bob,kyllä,da'
			)
		);
		expect(clients.map(({ client }) => [client.consent, client.unsubscribed])).toEqual([
			[true, false],
			[true, true]
		]);
	});

	it('reports a row with more cells than the header, which usually means an unquoted separator', () => {
		const { issues } = importFile(
			lines('email,name,company', 'ana@example.com,Ana,Pop, Partners', 'bob@example.com,Bob')
		);
		expect(issues).toEqual([
			{
				line: 2,
				column: 'Column 4',
				message:
					'This row has 4 cells but the header has 3: put cells that contain the separator in quotes'
			}
		]);
	});

	it('ignores empty cells after the last column, as some spreadsheets write them', () => {
		expect(importFile(lines('email,name', 'ana@example.com,Ana,,')).issues).toEqual([]);
	});

	it('names a field by its label when no column holds it', () => {
		const validate = createRowValidator(['email', 'name'], ['Email', 'Name'], {
			...context,
			defaultLanguage: 'xx-invalid!'
		});
		expect(validate(['ana@example.com', 'Ana'], 2)).toEqual({
			ok: false,
			issues: [
				{ line: 2, column: 'Language', message: expect.stringContaining('Unknown language') }
			]
		});
	});

	it('remembers emails across rows so a repeat is reported wherever it appears', () => {
		const validate = createRowValidator(['email', 'name'], ['Email', 'Name'], context);
		expect(validate(['ana@example.com', 'Ana'], 2).ok).toBe(true);
		expect(validate(['bob@example.com', 'Bob'], 3).ok).toBe(true);
		expect(validate([' Ana@Example.com ', 'Ana'], 9)).toEqual({
			ok: false,
			issues: [{ line: 9, column: 'Email', message: 'Duplicate of line 2' }]
		});
	});
});
