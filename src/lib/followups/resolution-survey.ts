import type { SurveyDefinition } from '../schemas/survey';

/** The built-in survey's name: how it is found again, so it is created once. */
export const RESOLUTION_SURVEY_NAME = 'Did we resolve it?';
export const RESOLUTION_QUESTION_ID = 'resolved';

/**
 * "Did we resolve it?" — one overall question (1–5), sent when a case is resolved and its rule
 * asks. In the five languages of the respondent's page, so every client reads it in their own.
 */
export const resolutionSurveyDefinition: SurveyDefinition = {
	defaultLanguage: 'en',
	languages: ['en', 'de', 'nl', 'fi', 'ro'],
	title: {
		en: 'Did we resolve it?',
		de: 'Konnten wir es lösen?',
		nl: 'Hebben we het opgelost?',
		fi: 'Saimmeko asian ratkaistua?',
		ro: 'Am rezolvat problema?'
	},
	thankYou: {
		en: 'Thank you! Your answer tells us whether we got it right.',
		de: 'Vielen Dank! Ihre Antwort zeigt uns, ob wir es richtig gemacht haben.',
		nl: 'Dank u wel! Uw antwoord laat ons weten of we het goed hebben gedaan.',
		fi: 'Kiitos! Vastauksenne kertoo, onnistuimmeko.',
		ro: 'Vă mulțumim! Răspunsul dumneavoastră ne arată dacă am procedat corect.'
	},
	email: {
		subject: {
			en: 'Did we resolve it?',
			de: 'Konnten wir es lösen?',
			nl: 'Hebben we het opgelost?',
			fi: 'Saimmeko asian ratkaistua?',
			ro: 'Am rezolvat problema?'
		},
		body: {
			en: 'Dear {{client.name}},\n\nwe recently followed up on your feedback. Did we resolve it to your satisfaction? One click tells us.\n\n{{link}}\n\nThank you!\n{{accountManager.name}}',
			de: 'Guten Tag {{client.name}},\n\nwir haben uns kürzlich um Ihre Rückmeldung gekümmert. Konnten wir Ihr Anliegen zu Ihrer Zufriedenheit lösen? Ein Klick genügt.\n\n{{link}}\n\nVielen Dank!\n{{accountManager.name}}',
			nl: 'Beste {{client.name}},\n\nwe hebben onlangs opvolging gegeven aan uw feedback. Hebben we het naar uw tevredenheid opgelost? Eén klik is genoeg.\n\n{{link}}\n\nDank u wel!\n{{accountManager.name}}',
			fi: 'Hyvä {{client.name}},\n\npalasimme hiljattain palautteeseenne. Saimmeko asian ratkaistua tyydyttävästi? Yksi napsautus riittää.\n\n{{link}}\n\nKiitos!\n{{accountManager.name}}',
			ro: 'Stimate/Stimată {{client.name}},\n\nam revenit recent la feedbackul dumneavoastră. Am rezolvat problema în mod satisfăcător? Un singur clic este suficient.\n\n{{link}}\n\nVă mulțumim!\n{{accountManager.name}}'
		}
	},
	pages: [
		{
			id: 'resolution',
			questions: [
				{
					id: RESOLUTION_QUESTION_ID,
					type: 'overall',
					required: true,
					text: {
						en: 'How satisfied are you with how we resolved your issue?',
						de: 'Wie zufrieden sind Sie damit, wie wir Ihr Anliegen gelöst haben?',
						nl: 'Hoe tevreden bent u over hoe we uw probleem hebben opgelost?',
						fi: 'Kuinka tyytyväinen olette siihen, miten ratkaisimme asianne?',
						ro: 'Cât de mulțumit(ă) sunteți de modul în care am rezolvat problema dumneavoastră?'
					},
					lowLabel: {
						en: 'Not resolved at all',
						de: 'Gar nicht gelöst',
						nl: 'Helemaal niet opgelost',
						fi: 'Ei lainkaan ratkaistu',
						ro: 'Deloc rezolvată'
					},
					highLabel: {
						en: 'Completely resolved',
						de: 'Vollständig gelöst',
						nl: 'Helemaal opgelost',
						fi: 'Täysin ratkaistu',
						ro: 'Complet rezolvată'
					}
				}
			]
		}
	]
};
