import type { z } from 'zod';
import {
	columnName,
	columnsByField,
	headerKey,
	headerTable,
	mapHeaders,
	mappingSizeProblem
} from '../../csv/header-mapping';
import { cellText, listCell } from '../../csv/cells';
import { parseCsv, type ParsedCsv } from '../../csv/read';
import * as m from '../../paraglide/messages';
import { baseLocale, getLocale, locales, type Locale } from '../../paraglide/runtime';
import {
	extraCellIssue,
	inReadingOrder,
	type PlacedIssue,
	type RowIssue
} from '../../csv/row-issue';
import { clientInputSchema, isoDate, parseDecimal, type ClientInput } from '../../schemas/clients';

export const importFields = [
	'email',
	'name',
	'phone',
	'company',
	'language',
	'tags',
	'accountManager',
	'clientSince',
	'lastPurchaseOn',
	'renewalOn',
	'annualValue',
	'consent',
	'consentSource',
	'unsubscribed'
] as const;

type ClientField = (typeof importFields)[number];
export type ImportField = ClientField | `attribute:${string}`;

/** The fields' labels, called when shown: in the request's language unless a locale is named. */
const fieldLabels: Record<ClientField, (inputs?: object, options?: { locale?: Locale }) => string> =
	{
		email: m.common_email,
		name: m.common_name,
		phone: m.common_phone,
		company: m.clients_company,
		language: m.common_language,
		tags: m.clients_tags,
		accountManager: m.clients_import_field_account_manager,
		clientSince: m.clients_client_since,
		lastPurchaseOn: m.clients_last_purchase,
		renewalOn: m.clients_renewal,
		annualValue: m.clients_annual_value,
		consent: m.clients_import_field_consent,
		consentSource: m.clients_import_field_consent_source,
		unsubscribed: m.clients_import_field_unsubscribed
	};

const attributePrefix = 'attribute:';

export function attributeField(key: string): ImportField {
	return `${attributePrefix}${key}`;
}

function attributeKeyOf(field: ImportField): string | null {
	return field.startsWith(attributePrefix) ? field.slice(attributePrefix.length) : null;
}

function isClientField(value: string): value is ClientField {
	return (importFields as readonly string[]).includes(value);
}

/** For reading a mapping back from a form, where every value is just a string. */
export function isImportField(value: string): value is ImportField {
	return (
		isClientField(value) ||
		(value.startsWith(attributePrefix) && value.length > attributePrefix.length)
	);
}

export function importFieldLabel(field: ImportField): string {
	const key = attributeKeyOf(field);
	return key === null
		? fieldLabels[field as ClientField]()
		: m.clients_import_attribute_field({ key });
}

/** A client file: empty, it is told what it should hold. */
export const parseClientCsv = (file: Uint8Array | string) =>
	parseCsv(file, { emptyMessage: m.clients_import_empty_file() });

// ---------------------------------------------------------------------------------------------
// Guessing which column holds which field

const synonyms: Record<ClientField, string[]> = {
	email: [
		'E-mail',
		'Email address',
		'E-mail address',
		'Mail',
		'E-Mail-Adresse',
		'Mailadresse',
		'E-mailadres',
		'Emailadres',
		'Mailadres',
		'Sähköposti',
		'Sähköpostiosoite',
		'Adresa de email',
		'Adresa email',
		'Adresă de e-mail',
		'Poștă electronică'
	],
	name: [
		'Full name',
		'Client name',
		'Customer name',
		'Contact name',
		'Vollständiger Name',
		'Kundenname',
		'Naam',
		'Volledige naam',
		'Klantnaam',
		'Nimi',
		'Koko nimi',
		'Asiakkaan nimi',
		'Nume',
		'Nume complet',
		'Nume client'
	],
	phone: [
		'Phone number',
		'Telephone',
		'Tel',
		'Mobile',
		'Telefon',
		'Telefonnummer',
		'Mobil',
		'Handy',
		'Telefoon',
		'Telefoonnummer',
		'Mobiel',
		'Puhelin',
		'Puhelinnumero',
		'Matkapuhelin',
		'Număr de telefon',
		'Telefon mobil'
	],
	company: [
		'Organisation',
		'Organization',
		'Company name',
		'Firma',
		'Unternehmen',
		'Bedrijf',
		'Bedrijfsnaam',
		'Organisatie',
		'Yritys',
		'Organisaatio',
		'Companie',
		'Compania',
		'Firmă',
		'Organizație'
	],
	language: ['Locale', 'Lang', 'Sprache', 'Taal', 'Kieli', 'Limba', 'Limbă'],
	tags: [
		'Tag',
		'Segment',
		'Segments',
		'Labels',
		'Schlagwörter',
		'Segmente',
		'Segmenten',
		'Tunnisteet',
		'Etichete'
	],
	accountManager: [
		'Account manager',
		'Account owner',
		'Key account manager',
		'Kundenbetreuer',
		'Betreuer',
		'Accountmanager',
		'Asiakasvastaava',
		'Manager de cont',
		'Responsabil cont'
	],
	clientSince: [
		'Customer since',
		'Kunde seit',
		'Klant sinds',
		'Klant sinds datum',
		'Asiakas alkaen',
		'Asiakkuus alkanut',
		'Client din',
		'Client de la'
	],
	lastPurchaseOn: [
		'Last purchase on',
		'Last purchase date',
		'Last order',
		'Letzter Kauf',
		'Letzte Bestellung',
		'Laatste aankoop',
		'Laatste bestelling',
		'Viimeisin osto',
		'Viimeinen osto',
		'Ultima achiziție',
		'Ultima comandă'
	],
	renewalOn: [
		'Renewal on',
		'Renewal date',
		'Contract renewal',
		'Verlängerung',
		'Vertragsverlängerung',
		'Verlenging',
		'Contractverlenging',
		'Uusiminen',
		'Sopimuksen uusiminen',
		'Reînnoire',
		'Reînnoire contract'
	],
	annualValue: [
		'Revenue',
		'Annual revenue',
		'Yearly value',
		'ARR',
		'Jahreswert',
		'Umsatz',
		'Jahresumsatz',
		'Jaarwaarde',
		'Omzet',
		'Jaaromzet',
		'Vuosiarvo',
		'Liikevaihto',
		'Vuosimyynti',
		'Valoare anuală',
		'Venit',
		'Cifră de afaceri'
	],
	consent: [
		'Marketing consent',
		'Opt-in',
		'Einwilligung',
		'Zustimmung',
		'Toestemming',
		'Suostumus',
		'Markkinointilupa',
		'Consimțământ',
		'Acord'
	],
	consentSource: [
		'Opt-in source',
		'Source of consent',
		'Einwilligungsquelle',
		'Quelle der Einwilligung',
		'Bron toestemming',
		'Toestemmingsbron',
		'Suostumuksen lähde',
		'Sursa consimțământului',
		'Sursă consimțământ'
	],
	unsubscribed: [
		'Opted out',
		'Opt-out',
		'Abgemeldet',
		'Abbestellt',
		'Afgemeld',
		'Uitgeschreven',
		'Peruttu',
		'Tilaus peruttu',
		'Dezabonat'
	]
};

const exactNames = headerTable(importFields, (field) => [
	field,
	fieldLabels[field]({}, { locale: baseLocale })
]);
// The labels of the other languages are synonyms: a file may come from a colleague who reads one.
const synonymNames = headerTable(importFields, (field) => [
	...synonyms[field],
	...locales.map((locale) => fieldLabels[field]({}, { locale }))
]);

/**
 * Proposes a field for each header, or null: a field's own name first, then an attribute key, then
 * a synonym, so that a workspace attribute called "segment" wins over tags' synonym "Segment".
 */
export function guessMapping(headers: string[], attributeKeys: string[]): (ImportField | null)[] {
	const attributesByKey = new Map(
		attributeKeys.map((key) => [headerKey(key), attributeField(key)])
	);
	return mapHeaders<ImportField>(headers, [exactNames, attributesByKey, synonymNames]);
}

const requiredFields: ClientField[] = ['email', 'name'];

type ClashInputs = { field: string; columns: string };
/** Columns mapped to one field, by their count from two: up to ten, the sentence spells it out. */
const columnsClash: ((inputs: ClashInputs) => string)[] = [
	m.clients_import_two_columns_clash,
	m.clients_import_three_columns_clash,
	m.clients_import_four_columns_clash,
	m.clients_import_five_columns_clash,
	m.clients_import_six_columns_clash,
	m.clients_import_seven_columns_clash,
	m.clients_import_eight_columns_clash,
	m.clients_import_nine_columns_clash,
	m.clients_import_ten_columns_clash
];

/**
 * What keeps a mapping from being usable, as sentences for the person mapping the columns.
 * With `attributeKeys`, attributes the workspace does not define are reported too.
 */
export function mappingProblems(
	mapping: (ImportField | null)[],
	headers: string[],
	attributeKeys?: string[]
): string[] {
	const problems: string[] = [];
	const sizeProblem = mappingSizeProblem(mapping, headers);
	if (sizeProblem) problems.push(sizeProblem);
	for (const field of requiredFields) {
		if (!mapping.includes(field))
			problems.push(m.import_map_column({ field: fieldLabels[field]() }));
	}

	for (const [field, names] of columnsByField(mapping, headers)) {
		if (names.length > 1) {
			const inputs = {
				field: importFieldLabel(field),
				columns: new Intl.ListFormat(getLocale(), { type: 'conjunction' }).format(
					names.map((name) => `"${name}"`)
				)
			};
			const clash = columnsClash[names.length - 2];
			problems.push(
				clash ? clash(inputs) : m.import_columns_clash({ ...inputs, count: names.length })
			);
		}
		const key = attributeKeyOf(field);
		if (key !== null && attributeKeys && !attributeKeys.includes(key)) {
			problems.push(m.clients_import_unknown_attribute({ key, column: names[0]! }));
		}
	}
	return problems;
}

// ---------------------------------------------------------------------------------------------
// Validating rows

export type ImportContext = {
	attributes: { key: string; type: 'string' | 'number' | 'date' }[];
	/** Lower-case emails of active staff users: the only valid account managers. */
	staffEmails: Set<string>;
	/** Used when no language column is mapped or the cell is empty. */
	defaultLanguage: string;
};

type RowResult = { ok: true; client: ClientInput } | { ok: false; issues: RowIssue[] };

/** A mapped column with everything a row needs worked out once, not once per row. */
type MappedColumn =
	| { index: number; name: string; field: ClientField }
	| {
			index: number;
			name: string;
			field: ImportField;
			attributeKey: string;
			attributeType: AttributeType;
	  };

type AttributeType = ImportContext['attributes'][number]['type'];

// Without this, an empty required cell would read "Invalid input: expected string, received undefined".
const parseOptions: z.core.ParseContext<z.core.$ZodIssue> = {
	error: (issue) =>
		issue.code === 'invalid_type' && issue.input === undefined
			? m.clients_import_cell_empty()
			: undefined
};

/**
 * Returns a function that checks one data row at a time and turns it into a client. It remembers
 * the emails it has seen, so a repeated email is reported on the later row.
 */
export function createRowValidator(
	mapping: (ImportField | null)[],
	headers: string[],
	context: ImportContext
): (cells: string[], line: number) => RowResult {
	const attributeTypes = new Map(
		context.attributes.map((attribute) => [attribute.key, attribute.type])
	);
	const columns: MappedColumn[] = [];
	mapping.forEach((field, index) => {
		if (field === null) return;
		const name = columnName(headers, index);
		const attributeKey = attributeKeyOf(field);
		if (attributeKey === null) columns.push({ index, name, field: field as ClientField });
		else
			columns.push({
				index,
				name,
				field,
				attributeKey,
				attributeType: attributeTypes.get(attributeKey) ?? 'string'
			});
	});
	const columnOf = new Map(columns.map((column) => [column.field, column]));
	const emailColumn = columnOf.get('email');
	const firstLineOfEmail = new Map<string, number>();

	const inColumn = (column: MappedColumn, line: number, message: string): PlacedIssue => ({
		line,
		position: column.index,
		column: column.name,
		message
	});
	/** Where an issue about a field is shown: its column, or its label if no column holds it. */
	const placeField = (field: ImportField | null, line: number, message: string): PlacedIssue => {
		const column = field === null ? undefined : columnOf.get(field);
		if (column) return inColumn(column, line, message);
		return {
			line,
			position: headers.length,
			column: field === null ? m.import_row_column() : importFieldLabel(field),
			message
		};
	};

	return (cells, line) => {
		const issues: PlacedIssue[] = [];
		const raw: Record<string, unknown> = {};
		const attributes: Record<string, string> = {};
		let hasAttributes = false;

		const extra = extraCellIssue(cells, headers, line);
		if (extra) issues.push(extra);

		for (const column of columns) {
			const cell = cellText(cells, column.index);
			if (cell === '') continue;
			if ('attributeKey' in column) {
				const value = attributeValue(cell, column.attributeType);
				if (value.ok) {
					attributes[column.attributeKey] = value.value;
					hasAttributes = true;
				} else issues.push(inColumn(column, line, value.message));
			} else if (column.field === 'tags') {
				raw.tags = splitTags(cell);
			} else if (column.field === 'accountManager') {
				const email = cell.toLowerCase();
				if (context.staffEmails.has(email)) raw.accountManager = email;
				else {
					issues.push(
						inColumn(column, line, m.clients_import_unknown_account_manager({ value: cell }))
					);
				}
			} else {
				raw[column.field] = cell;
			}
		}
		raw.language ??= context.defaultLanguage;
		if (hasAttributes) raw.attributes = attributes;

		if (emailColumn && typeof raw.email === 'string') {
			const email = raw.email.toLowerCase();
			const firstLine = firstLineOfEmail.get(email);
			if (firstLine === undefined) firstLineOfEmail.set(email, line);
			else {
				issues.push(
					inColumn(emailColumn, line, m.clients_import_duplicate_email({ line: firstLine }))
				);
			}
		}

		const parsed = clientInputSchema.safeParse(raw, parseOptions);
		if (!parsed.success) {
			for (const issue of parsed.error.issues)
				issues.push(placeField(issueField(issue.path), line, issue.message));
		}
		if (issues.length === 0 && parsed.success) return { ok: true, client: parsed.data };
		return { ok: false, issues: inReadingOrder(issues) };
	};
}

function issueField(path: PropertyKey[]): ImportField | null {
	const [field, key] = path;
	if (field === 'attributes' && typeof key === 'string') return attributeField(key);
	return typeof field === 'string' && isClientField(field) ? field : null;
}

/** Tags as one list cell; repeats differing only in case are dropped. */
function splitTags(cell: string): string[] {
	const seen = new Set<string>();
	const tags: string[] = [];
	for (const part of listCell(cell)) {
		const tag = part.trim();
		const key = tag.toLowerCase();
		if (tag === '' || seen.has(key)) continue;
		seen.add(key);
		tags.push(tag);
	}
	return tags;
}

type AttributeValue = { ok: true; value: string } | { ok: false; message: string };

/** Attribute values are stored as text, in one canonical spelling per type so they sort and compare. */
function attributeValue(cell: string, type: AttributeType): AttributeValue {
	if (type === 'number') {
		const number = parseDecimal(cell);
		return number === null
			? { ok: false, message: m.clients_import_not_a_number({ value: cell }) }
			: { ok: true, value: String(number) };
	}
	if (type === 'date') {
		const date = isoDate(cell);
		return date === null
			? { ok: false, message: m.clients_import_not_a_date({ value: cell }) }
			: { ok: true, value: date };
	}
	return { ok: true, value: cell };
}

export function validateRows(
	csv: ParsedCsv,
	mapping: (ImportField | null)[],
	context: ImportContext
): { clients: { line: number; client: ClientInput }[]; issues: RowIssue[] } {
	const validate = createRowValidator(mapping, csv.headers, context);
	const clients: { line: number; client: ClientInput }[] = [];
	const issues: RowIssue[] = [];
	csv.rows.forEach((cells, index) => {
		const line = csv.lines[index]!;
		const result = validate(cells, line);
		if (result.ok) clients.push({ line, client: result.client });
		else issues.push(...result.issues);
	});
	return { clients, issues };
}
