/**
 * Everything the respondent's page says that is not part of a survey, in the languages our
 * clients answer in. A survey's own texts (and its button labels) come from its definition.
 */
export const respondentLanguages = ['en', 'de', 'nl', 'fi', 'ro'] as const;
export type RespondentLanguage = (typeof respondentLanguages)[number];

const messages = {
	en: {
		reminderPrefix: 'Reminder:',
		unsubscribeButton: 'Unsubscribe',
		unsubscribeDone: 'You are unsubscribed: we will not send you surveys any more.',
		emailSubject: '{{survey.title}}',
		emailBody:
			'Dear {{client.name}},\n\nhow satisfied are you with us? Answering takes a minute and helps us serve you better.\n\n{{link}}\n\nThank you!\n{{accountManager.name}}',
		emailQuickAnswer: 'Or answer the first question right here:',
		emailUnsubscribe: 'No more surveys? Unsubscribe:',
		start: 'Start the survey',
		tooManyStarts:
			'Many surveys were started from your network just now. Please try again in an hour.',
		profileLink: 'Your details and survey preferences',
		profileTitle: 'Your details',
		phone: 'Phone',
		preferredLanguage: 'Preferred language',
		consent: 'I agree to be asked for my opinion in surveys',
		unsubscribe: 'Unsubscribe: never send me surveys again',
		saveProfile: 'Save',
		profileSaved: 'Saved. Thank you!',
		invalidPhone: 'Please enter a phone number of at most 50 characters.',
		backToSurvey: 'Back to the survey',
		next: 'Next',
		back: 'Back',
		submit: 'Send answers',
		progress: 'Page {page} of {pages}',
		optional: 'optional',
		notApplicable: 'Not applicable / don’t know',
		charactersLeft: '{count} characters left',
		required: 'Please answer this question.',
		invalid: 'Please choose one of the answers shown.',
		tooLong: 'Please shorten your answer to {max} characters.',
		fixErrors: 'Some answers need your attention.',
		incomplete: 'Your answers are not complete yet: please answer this page before you go on.',
		language: 'Language',
		thanks: 'Thank you for your answers!',
		alreadyAnswered: 'You have already answered this survey. Thank you!',
		closed: 'This survey is closed. Thank you for your interest.',
		expired: 'This link has expired. Thank you for your interest.',
		notFound: 'This link is not valid.',
		unreadableForm: 'Your answers could not be read. Please open your link again.',
		saved: 'Your answers so far are saved: you can come back to this link at any time.'
	},
	de: {
		reminderPrefix: 'Erinnerung:',
		unsubscribeButton: 'Abmelden',
		unsubscribeDone: 'Sie sind abgemeldet: Wir senden Ihnen keine Umfragen mehr.',
		emailSubject: '{{survey.title}}',
		emailBody:
			'Guten Tag {{client.name}},\n\nwie zufrieden sind Sie mit uns? Die Antworten dauern eine Minute und helfen uns, Sie besser zu betreuen.\n\n{{link}}\n\nVielen Dank!\n{{accountManager.name}}',
		emailQuickAnswer: 'Oder beantworten Sie die erste Frage gleich hier:',
		emailUnsubscribe: 'Keine Umfragen mehr? Abmelden:',
		start: 'Umfrage starten',
		tooManyStarts:
			'Von Ihrem Netzwerk wurden gerade viele Umfragen gestartet. Bitte versuchen Sie es in einer Stunde erneut.',
		profileLink: 'Ihre Angaben und Umfrage-Einstellungen',
		profileTitle: 'Ihre Angaben',
		phone: 'Telefon',
		preferredLanguage: 'Bevorzugte Sprache',
		consent: 'Ich bin einverstanden, in Umfragen nach meiner Meinung gefragt zu werden',
		unsubscribe: 'Abmelden: mir nie wieder Umfragen senden',
		saveProfile: 'Speichern',
		profileSaved: 'Gespeichert. Vielen Dank!',
		invalidPhone: 'Bitte geben Sie eine Telefonnummer mit höchstens 50 Zeichen ein.',
		backToSurvey: 'Zurück zur Umfrage',
		next: 'Weiter',
		back: 'Zurück',
		submit: 'Antworten senden',
		progress: 'Seite {page} von {pages}',
		optional: 'optional',
		notApplicable: 'Nicht zutreffend / weiß nicht',
		charactersLeft: 'Noch {count} Zeichen',
		required: 'Bitte beantworten Sie diese Frage.',
		invalid: 'Bitte wählen Sie eine der angezeigten Antworten.',
		tooLong: 'Bitte kürzen Sie Ihre Antwort auf {max} Zeichen.',
		fixErrors: 'Einige Antworten brauchen Ihre Aufmerksamkeit.',
		incomplete:
			'Ihre Antworten sind noch nicht vollständig: Bitte beantworten Sie diese Seite, bevor Sie fortfahren.',
		language: 'Sprache',
		thanks: 'Vielen Dank für Ihre Antworten!',
		alreadyAnswered: 'Sie haben diese Umfrage bereits beantwortet. Vielen Dank!',
		closed: 'Diese Umfrage ist geschlossen. Vielen Dank für Ihr Interesse.',
		expired: 'Dieser Link ist abgelaufen. Vielen Dank für Ihr Interesse.',
		notFound: 'Dieser Link ist nicht gültig.',
		unreadableForm:
			'Ihre Antworten konnten nicht gelesen werden. Bitte öffnen Sie Ihren Link erneut.',
		saved:
			'Ihre bisherigen Antworten sind gespeichert: Sie können jederzeit über diesen Link weitermachen.'
	},
	nl: {
		reminderPrefix: 'Herinnering:',
		unsubscribeButton: 'Afmelden',
		unsubscribeDone: 'U bent afgemeld: we sturen u geen enquêtes meer.',
		emailSubject: '{{survey.title}}',
		emailBody:
			'Beste {{client.name}},\n\nhoe tevreden bent u over ons? Antwoorden kost een minuut en helpt ons u beter van dienst te zijn.\n\n{{link}}\n\nBedankt!\n{{accountManager.name}}',
		emailQuickAnswer: 'Of beantwoord de eerste vraag meteen hier:',
		emailUnsubscribe: 'Geen enquêtes meer? Afmelden:',
		start: 'Start de enquête',
		tooManyStarts:
			'Vanaf uw netwerk zijn zojuist veel enquêtes gestart. Probeer het over een uur opnieuw.',
		profileLink: 'Uw gegevens en enquêtevoorkeuren',
		profileTitle: 'Uw gegevens',
		phone: 'Telefoon',
		preferredLanguage: 'Voorkeurstaal',
		consent: 'Ik ga ermee akkoord in enquêtes om mijn mening gevraagd te worden',
		unsubscribe: 'Afmelden: stuur mij nooit meer enquêtes',
		saveProfile: 'Opslaan',
		profileSaved: 'Opgeslagen. Bedankt!',
		invalidPhone: 'Vul een telefoonnummer van maximaal 50 tekens in.',
		backToSurvey: 'Terug naar de enquête',
		next: 'Volgende',
		back: 'Terug',
		submit: 'Antwoorden versturen',
		progress: 'Pagina {page} van {pages}',
		optional: 'optioneel',
		notApplicable: 'Niet van toepassing / weet ik niet',
		charactersLeft: 'Nog {count} tekens',
		required: 'Wilt u deze vraag beantwoorden?',
		invalid: 'Kies een van de getoonde antwoorden.',
		tooLong: 'Maak uw antwoord korter dan {max} tekens.',
		fixErrors: 'Enkele antwoorden vragen uw aandacht.',
		incomplete: 'Uw antwoorden zijn nog niet volledig: vul deze pagina in voordat u verdergaat.',
		language: 'Taal',
		thanks: 'Bedankt voor uw antwoorden!',
		alreadyAnswered: 'U hebt deze enquête al beantwoord. Bedankt!',
		closed: 'Deze enquête is gesloten. Bedankt voor uw interesse.',
		expired: 'Deze link is verlopen. Bedankt voor uw interesse.',
		notFound: 'Deze link is niet geldig.',
		unreadableForm: 'Uw antwoorden konden niet worden gelezen. Open uw link opnieuw.',
		saved: 'Uw antwoorden tot nu toe zijn bewaard: u kunt altijd via deze link verdergaan.'
	},
	fi: {
		reminderPrefix: 'Muistutus:',
		unsubscribeButton: 'Peru tilaus',
		unsubscribeDone: 'Tilauksesi on peruttu: emme lähetä sinulle enää kyselyitä.',
		emailSubject: '{{survey.title}}',
		emailBody:
			'Hei {{client.name}},\n\nkuinka tyytyväinen olet meihin? Vastaaminen vie minuutin ja auttaa meitä palvelemaan sinua paremmin.\n\n{{link}}\n\nKiitos!\n{{accountManager.name}}',
		emailQuickAnswer: 'Tai vastaa ensimmäiseen kysymykseen suoraan tästä:',
		emailUnsubscribe: 'Et halua enää kyselyitä? Peru tilaus:',
		start: 'Aloita kysely',
		tooManyStarts: 'Verkostasi on juuri aloitettu monta kyselyä. Yritä uudelleen tunnin kuluttua.',
		profileLink: 'Tietosi ja kyselyasetuksesi',
		profileTitle: 'Tietosi',
		phone: 'Puhelin',
		preferredLanguage: 'Ensisijainen kieli',
		consent: 'Suostun siihen, että mielipidettäni kysytään kyselyissä',
		unsubscribe: 'Peru tilaus: älä lähetä minulle enää kyselyitä',
		saveProfile: 'Tallenna',
		profileSaved: 'Tallennettu. Kiitos!',
		invalidPhone: 'Anna enintään 50 merkin puhelinnumero.',
		backToSurvey: 'Takaisin kyselyyn',
		next: 'Seuraava',
		back: 'Takaisin',
		submit: 'Lähetä vastaukset',
		progress: 'Sivu {page}/{pages}',
		optional: 'vapaaehtoinen',
		notApplicable: 'Ei koske minua / en osaa sanoa',
		charactersLeft: '{count} merkkiä jäljellä',
		required: 'Vastaa tähän kysymykseen.',
		invalid: 'Valitse jokin näytetyistä vastauksista.',
		tooLong: 'Lyhennä vastauksesi {max} merkkiin.',
		fixErrors: 'Osa vastauksista vaatii huomiota.',
		incomplete: 'Vastauksesi ovat vielä kesken: vastaa tämän sivun kysymyksiin ennen kuin jatkat.',
		language: 'Kieli',
		thanks: 'Kiitos vastauksistasi!',
		alreadyAnswered: 'Olet jo vastannut tähän kyselyyn. Kiitos!',
		closed: 'Tämä kysely on suljettu. Kiitos mielenkiinnostasi.',
		expired: 'Tämä linkki on vanhentunut. Kiitos mielenkiinnostasi.',
		notFound: 'Tämä linkki ei ole voimassa.',
		unreadableForm: 'Vastauksiasi ei voitu lukea. Avaa linkkisi uudelleen.',
		saved: 'Tähänastiset vastauksesi on tallennettu: voit jatkaa tästä linkistä milloin tahansa.'
	},
	ro: {
		reminderPrefix: 'Reamintire:',
		unsubscribeButton: 'Dezabonare',
		unsubscribeDone: 'V-ați dezabonat: nu vă mai trimitem sondaje.',
		emailSubject: '{{survey.title}}',
		emailBody:
			'Bună ziua, {{client.name}},\n\ncât de mulțumit sunteți de noi? Răspunsul durează un minut și ne ajută să vă servim mai bine.\n\n{{link}}\n\nVă mulțumim!\n{{accountManager.name}}',
		emailQuickAnswer: 'Sau răspundeți la prima întrebare chiar aici:',
		emailUnsubscribe: 'Nu mai doriți sondaje? Dezabonare:',
		start: 'Începe sondajul',
		tooManyStarts:
			'Din rețeaua dumneavoastră s-au pornit multe sondaje chiar acum. Vă rugăm să încercați din nou peste o oră.',
		profileLink: 'Datele dumneavoastră și preferințele pentru sondaje',
		profileTitle: 'Datele dumneavoastră',
		phone: 'Telefon',
		preferredLanguage: 'Limba preferată',
		consent: 'Sunt de acord să mi se ceară părerea în sondaje',
		unsubscribe: 'Dezabonare: nu-mi mai trimiteți sondaje',
		saveProfile: 'Salvează',
		profileSaved: 'Salvat. Vă mulțumim!',
		invalidPhone: 'Vă rugăm să introduceți un număr de telefon de cel mult 50 de caractere.',
		backToSurvey: 'Înapoi la sondaj',
		next: 'Înainte',
		back: 'Înapoi',
		submit: 'Trimite răspunsurile',
		progress: 'Pagina {page} din {pages}',
		optional: 'opțional',
		notApplicable: 'Nu se aplică / nu știu',
		charactersLeft: 'Mai aveți {count} caractere',
		required: 'Vă rugăm să răspundeți la această întrebare.',
		invalid: 'Vă rugăm să alegeți unul dintre răspunsurile afișate.',
		tooLong: 'Vă rugăm să scurtați răspunsul la {max} caractere.',
		fixErrors: 'Unele răspunsuri necesită atenția dumneavoastră.',
		incomplete:
			'Răspunsurile dumneavoastră nu sunt încă complete: vă rugăm să completați această pagină înainte de a continua.',
		language: 'Limba',
		thanks: 'Vă mulțumim pentru răspunsuri!',
		alreadyAnswered: 'Ați răspuns deja la acest sondaj. Vă mulțumim!',
		closed: 'Acest sondaj este închis. Vă mulțumim pentru interes.',
		expired: 'Acest link a expirat. Vă mulțumim pentru interes.',
		notFound: 'Acest link nu este valid.',
		unreadableForm:
			'Răspunsurile dumneavoastră nu au putut fi citite. Vă rugăm să deschideți din nou linkul.',
		saved: 'Răspunsurile de până acum sunt salvate: puteți reveni oricând la acest link.'
	}
} satisfies Record<RespondentLanguage, Record<string, string>>;

export type MessageKey = keyof (typeof messages)['en'];

/** The message in the language (or its base language), else English, with `{name}` filled in. */
export function message(
	language: string,
	key: MessageKey,
	values: Record<string, string | number> = {}
): string {
	const base = language.split('-')[0] as RespondentLanguage;
	// Own keys only: a language sent as "hasOwnProperty" must not find Object.prototype's.
	const known = (tag: string): tag is RespondentLanguage => Object.hasOwn(messages, tag);
	const table = known(language) ? messages[language] : known(base) ? messages[base] : messages.en;
	// Single braces only: {{double}} placeholders belong to the email templates.
	return table[key].replace(/(?<!\{)\{(\w+)\}(?!\})/g, (_, name: string) =>
		String(values[name] ?? '')
	);
}

/**
 * The language to show: the client's preferred one, else the best `Accept-Language` match, else
 * the survey's default. Only languages the survey is offered in count.
 */
export function pickLanguage(
	offered: string[],
	defaultLanguage: string,
	preferences: (string | null | undefined)[],
	acceptLanguage: string | null
): string {
	const match = (tag: string) =>
		offered.find((language) => language.toLowerCase() === tag.toLowerCase()) ??
		offered.find((language) => language.split('-')[0] === tag.split('-')[0]!.toLowerCase());
	for (const preference of preferences) {
		const found = preference ? match(preference) : undefined;
		if (found) return found;
	}
	const accepted = (acceptLanguage ?? '')
		.split(',')
		.map((part) => {
			const [tag, ...params] = part.trim().split(';');
			const quality = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1);
			return { tag: tag ?? '', quality: Number.isFinite(quality) ? quality : 0 };
		})
		.filter((entry) => entry.tag && entry.tag !== '*' && entry.quality > 0)
		.sort((a, b) => b.quality - a.quality);
	for (const { tag } of accepted) {
		const found = match(tag);
		if (found) return found;
	}
	return defaultLanguage;
}
