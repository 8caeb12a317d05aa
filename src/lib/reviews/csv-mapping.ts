import { columnsByField, headerTable, mapHeaders, mappingSizeProblem } from '../csv/header-mapping';
import * as m from '../paraglide/messages';
import { baseLocale, locales } from '../paraglide/runtime';
import { reviewFieldLabel, reviewFieldLabels, reviewFields, type ReviewField } from './fields';

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

const exactNames = headerTable(reviewFields, (field) => [
	field,
	reviewFieldLabel[field]({}, { locale: baseLocale })
]);
// The labels of the other languages are synonyms: a file may come from a colleague who reads one.
const synonymNames = headerTable(reviewFields, (field) => [
	...synonyms[field],
	...locales.map((locale) => reviewFieldLabel[field]({}, { locale }))
]);

/** Proposes a field for each header, or null: exact field names first, then synonyms, each field once. */
export function guessReviewMapping(headers: string[]): (ReviewField | null)[] {
	return mapHeaders(headers, [exactNames, synonymNames]);
}

/** What keeps a generic CSV mapping from use, as sentences for the person choosing the columns. */
export function reviewMappingProblems(
	mapping: (ReviewField | null)[],
	headers: string[],
	options: { hasSource: boolean }
): string[] {
	const problems: string[] = [];
	const sizeProblem = mappingSizeProblem(mapping, headers);
	if (sizeProblem) problems.push(sizeProblem);
	if (!mapping.includes('text') && !mapping.includes('title'))
		problems.push(m.import_map_column({ field: reviewFieldLabels.text }));
	if (!mapping.includes('date'))
		problems.push(m.import_map_column({ field: reviewFieldLabels.date }));
	if (!mapping.includes('source') && !options.hasSource)
		problems.push(m.reviews_import_map_source({ field: reviewFieldLabels.source }));
	for (const [field, columns] of columnsByField(mapping, headers)) {
		if (columns.length > 1)
			problems.push(
				m.import_columns_clash({
					count: columns.length,
					field: reviewFieldLabels[field],
					columns: columns.map((name) => `"${name}"`).join(', ')
				})
			);
	}
	return problems;
}
