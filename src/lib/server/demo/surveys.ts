import type { LocalizedText, SurveyDefinition } from '../../schemas/survey';

/** German and Dutch for the airline template's texts, keyed by the English text. */
const airlineTranslations: Record<string, { de: string; nl: string }> = {
	'How was your flight?': { de: 'Wie war Ihr Flug?', nl: 'Hoe was uw vlucht?' },
	'Tell us about your recent flight with us. It takes about two minutes.': {
		de: 'Erzählen Sie uns von Ihrem letzten Flug mit uns. Es dauert etwa zwei Minuten.',
		nl: 'Vertel ons over uw recente vlucht met ons. Het duurt ongeveer twee minuten.'
	},
	'Your flight': { de: 'Ihr Flug', nl: 'Uw vlucht' },
	'How satisfied are you with the punctuality of your departure?': {
		de: 'Wie zufrieden sind Sie mit der Pünktlichkeit Ihres Abflugs?',
		nl: 'Hoe tevreden bent u over de stiptheid van uw vertrek?'
	},
	'Completely dissatisfied': { de: 'Völlig unzufrieden', nl: 'Helemaal ontevreden' },
	'Completely satisfied': { de: 'Völlig zufrieden', nl: 'Helemaal tevreden' },
	'How satisfied are you with how fast customs clearance went?': {
		de: 'Wie zufrieden sind Sie damit, wie schnell die Zollabfertigung ging?',
		nl: 'Hoe tevreden bent u over hoe snel de douane verliep?'
	},
	'Choose “not applicable” if your flight had no customs control.': {
		de: 'Wählen Sie „nicht zutreffend“, wenn es auf Ihrem Flug keine Zollkontrolle gab.',
		nl: 'Kies „niet van toepassing” als er op uw vlucht geen douanecontrole was.'
	},
	'How satisfied are you with the safety of your flight?': {
		de: 'Wie zufrieden sind Sie mit der Sicherheit Ihres Fluges?',
		nl: 'Hoe tevreden bent u over de veiligheid van uw vlucht?'
	},
	'How satisfied are you with the snacks served on board?': {
		de: 'Wie zufrieden sind Sie mit den Snacks an Bord?',
		nl: 'Hoe tevreden bent u over de snacks aan boord?'
	},
	Overall: { de: 'Insgesamt', nl: 'Algemeen' },
	'Overall, how satisfied are you with your flight?': {
		de: 'Wie zufrieden sind Sie insgesamt mit Ihrem Flug?',
		nl: 'Hoe tevreden bent u in het algemeen over uw vlucht?'
	},
	'What should we improve?': { de: 'Was sollten wir verbessern?', nl: 'Wat kunnen we verbeteren?' },
	Next: { de: 'Weiter', nl: 'Volgende' },
	Back: { de: 'Zurück', nl: 'Terug' },
	'Send answers': { de: 'Antworten senden', nl: 'Antwoorden versturen' },
	'Thank you! Your answers help us get better.': {
		de: 'Danke! Ihre Antworten helfen uns, besser zu werden.',
		nl: 'Dank u! Uw antwoorden helpen ons beter te worden.'
	}
};

const isLocalizedText = (value: unknown): value is LocalizedText =>
	typeof value === 'object' &&
	value !== null &&
	!Array.isArray(value) &&
	typeof (value as Record<string, unknown>).en === 'string';

/** The airline survey offered in English, German and Dutch. */
export function translatedAirlineSurvey(definition: SurveyDefinition): SurveyDefinition {
	const translated = JSON.parse(JSON.stringify(definition), (_key, value: unknown) => {
		if (!isLocalizedText(value)) return value;
		const translation = airlineTranslations[value.en!];
		return translation ? { ...value, ...translation } : value;
	}) as SurveyDefinition;
	return { ...translated, languages: ['en', 'de', 'nl'] };
}
