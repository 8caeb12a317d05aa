import { headerKey } from '../csv/read';
import { reviewFieldLabels, reviewFields, type ReviewField } from './fields';

/** Column names review exports and spreadsheets use, in the languages of our first users. */
const synonyms: Record<ReviewField, string[]> = {
	source: [
		'Site',
		'Platform',
		'Review site',
		'Channel',
		'Quelle',
		'Plattform',
		'Bron',
		'Lähde',
		'Sivusto',
		'Sursa',
		'Platformă'
	],
	externalId: [
		'Id',
		'Review id',
		'External id',
		'Reference',
		'Bewertungs-ID',
		'Referenz',
		'Referentie',
		'Tunniste',
		'Viite',
		'Referință'
	],
	author: [
		'Name',
		'Reviewer',
		'Reviewer name',
		'User',
		'Username',
		'Autor',
		'Verfasser',
		'Auteur',
		'Naam',
		'Kirjoittaja',
		'Nimi',
		'Nume'
	],
	stars: [
		'Rating',
		'Star rating',
		'Score',
		'Sterne',
		'Bewertung',
		'Sterren',
		'Beoordeling',
		'Tähdet',
		'Arvosana',
		'Stele',
		'Notă',
		'Nota'
	],
	title: ['Headline', 'Subject', 'Review title', 'Titel', 'Überschrift', 'Kop', 'Otsikko', 'Titlu'],
	text: [
		'Review',
		'Review text',
		'Comment',
		'Content',
		'Body',
		'Message',
		'Kommentar',
		'Bewertungstext',
		'Tekst',
		'Opmerking',
		'Recensie',
		'Teksti',
		'Kommentti',
		'Arvio',
		'Recenzie',
		'Comentariu'
	],
	date: [
		'Created',
		'Created at',
		'Review date',
		'Date created',
		'Datum',
		'Erstellt',
		'Aangemaakt',
		'Päivämäärä',
		'Pvm',
		'Data'
	],
	language: ['Lang', 'Locale', 'Sprache', 'Taal', 'Kieli', 'Limba', 'Limbă'],
	email: [
		'E-mail',
		'Email address',
		'Client email',
		'Customer email',
		'E-Mail-Adresse',
		'E-mailadres',
		'Sähköposti',
		'Adresa de email'
	],
	tag: [
		'Location',
		'Product',
		'Branch',
		'Store',
		'Standort',
		'Filiale',
		'Produkt',
		'Locatie',
		'Vestiging',
		'Sijainti',
		'Toimipiste',
		'Tuote',
		'Locație',
		'Produs'
	]
};

function keyed(names: (field: ReviewField) => string[]): Map<string, ReviewField> {
	const byKey = new Map<string, ReviewField>();
	for (const field of reviewFields)
		for (const name of names(field)) byKey.set(headerKey(name), field);
	return byKey;
}

const exactNames = keyed((field) => [field, reviewFieldLabels[field]]);
const synonymNames = keyed((field) => synonyms[field]);

/** Proposes a field for each header, or null: exact field names first, then synonyms, each field once. */
export function guessReviewMapping(headers: string[]): (ReviewField | null)[] {
	const keys = headers.map(headerKey);
	const mapping: (ReviewField | null)[] = headers.map(() => null);
	const taken = new Set<ReviewField>();
	for (const names of [exactNames, synonymNames]) {
		keys.forEach((key, column) => {
			const field = names.get(key);
			if (mapping[column] !== null || field === undefined || taken.has(field)) return;
			mapping[column] = field;
			taken.add(field);
		});
	}
	return mapping;
}

/** What keeps a generic CSV mapping from use, as sentences for the person choosing the columns. */
export function reviewMappingProblems(
	mapping: (ReviewField | null)[],
	headers: string[],
	options: { hasSource: boolean }
): string[] {
	const problems: string[] = [];
	if (mapping.length !== headers.length)
		problems.push(
			`The mapping has ${mapping.length} entries but the file has ${headers.length} columns`
		);
	if (!mapping.includes('text') && !mapping.includes('title'))
		problems.push(`Map a column to ${reviewFieldLabels.text}`);
	if (!mapping.includes('date')) problems.push(`Map a column to ${reviewFieldLabels.date}`);
	if (!mapping.includes('source') && !options.hasSource) {
		problems.push(
			`Map a column to ${reviewFieldLabels.source}, or say which site the whole file comes from`
		);
	}
	const columnsOf = new Map<ReviewField, string[]>();
	mapping.forEach((field, column) => {
		if (field)
			columnsOf.set(field, [
				...(columnsOf.get(field) ?? []),
				`"${headers[column] || `Column ${column + 1}`}"`
			]);
	});
	for (const [field, columns] of columnsOf) {
		if (columns.length > 1)
			problems.push(
				`${columns.length} columns are mapped to ${reviewFieldLabels[field]}: ${columns.join(', ')}`
			);
	}
	return problems;
}
