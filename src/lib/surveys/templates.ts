import { MAX_TEXT_ANSWER, type LocalizedText, type SurveyDefinition } from '../schemas/survey';
import type { SupportedLanguage } from '../sentiment/types';

export type FactorTemplate = {
	key: string;
	name: string;
	weight: number;
	description?: string;
	/** The words that tie a comment to the factor, in each language the sentiment engine reads. */
	keywords: Record<SupportedLanguage, string[]>;
};
export type ModelTemplate = { name: string; factors: FactorTemplate[] };

export type SurveyTemplate = {
	id: string;
	name: string;
	description: string;
	/** The CSI model the survey is built on; null for a survey that needs none. */
	model: ModelTemplate | null;
	definition: SurveyDefinition;
};

const en = (text: string): LocalizedText => ({ en: text });

const satisfactionScale = {
	lowLabel: en('Completely dissatisfied'),
	highLabel: en('Completely satisfied')
};
const qualityScale = { lowLabel: en('Very poor'), highLabel: en('Excellent') };
const recommendScale = { lowLabel: en('Not at all likely'), highLabel: en('Extremely likely') };

const englishOnly = { defaultLanguage: 'en', languages: ['en'] };

const thanks = en('Thank you! Your answers help us get better.');

const buttons = { next: en('Next'), back: en('Back'), submit: en('Send answers') };

export const surveyTemplates: SurveyTemplate[] = [
	{
		id: 'airline-csi',
		name: 'Airline CSI',
		description:
			'Satisfaction with punctuality, customs, safety and snacks, weighted into one index, plus open feedback.',
		model: {
			name: 'Airline service',
			factors: [
				{
					key: 'punctuality',
					name: 'Punctual departure',
					weight: 3,
					description: 'The flight left at the scheduled time.',
					keywords: {
						en: [
							'delay',
							'late',
							'on time',
							'punctual',
							'departure',
							'depart',
							'arrival',
							'take-off',
							'took off',
							'schedule',
							'cancelled',
							'early',
							'landed',
							'arriv',
							'runway',
							'left the gate'
						],
						de: [
							'Verspätung',
							'verspätet',
							'Verzögerung',
							'pünktlich',
							'zu spät',
							'Abflug',
							'Ankunft',
							'Start',
							'gestartet',
							'annulliert',
							'gelandet',
							'losging',
							'Warteschleife',
							'verspaet',
							'später'
						],
						nl: [
							'vertraging',
							'vertraagd',
							'te laat',
							'op tijd',
							'stipt',
							'punctueel',
							'vertrek',
							'vertrokken',
							'aankomst',
							'geannuleerd',
							'geland',
							'landden',
							'opstijgen',
							'taxibaan',
							'gepland',
							'vertrektijd',
							'vastgezeten',
							'was laat'
						],
						fi: [
							'myöhä',
							'myöhästy',
							'ajoissa',
							'ajallaan',
							'aikataulu',
							'lähtö',
							'lähdön',
							'viive',
							'viivästy',
							'peruttiin',
							'saapu',
							'lähdettiin',
							'lähti',
							'kiitotie',
							'minuutilleen',
							'laskeutui',
							'perillä'
						],
						ro: [
							'întârziere',
							'întârziat',
							'la timp',
							'punctual',
							'plecare',
							'plecat',
							'decolare',
							'decolat',
							'sosire',
							'anulat',
							'ajuns',
							'devreme',
							'pistă',
							'aterizare',
							'aterizat'
						]
					}
				},
				{
					key: 'customs',
					name: 'Fast customs clearance',
					weight: 2,
					description: 'Passport and customs control took little time.',
					keywords: {
						en: ['customs', 'passport', 'border', 'immigration', 'queue'],
						de: [
							'Zoll',
							'Passkontrolle',
							'Reisepass',
							'Grenze',
							'Grenzkontrolle',
							'Einreise',
							'Schlange',
							'Immigration'
						],
						nl: ['douane', 'paspoort', 'grens', 'grenscontrole', 'immigratie', 'wachtrij', 'rij'],
						fi: [
							'tulli',
							'passi',
							'passintarkastus',
							'raja',
							'rajatarkastus',
							'maahantulo',
							'jono',
							'passari'
						],
						ro: ['vamă', 'vameș', 'pașaport', 'pașapoarte', 'frontieră', 'graniță', 'coadă', 'cozi']
					}
				},
				{
					key: 'safety',
					name: 'Safety',
					weight: 3,
					description: 'Passengers felt safe throughout the flight.',
					keywords: {
						en: [
							'safe',
							'safety',
							'turbulence',
							'secure',
							'danger',
							'emergency',
							'unsafe',
							'storm',
							'shaky',
							'nervous'
						],
						de: [
							'Sicherheit',
							'sicher',
							'Turbulenz',
							'gefährlich',
							'Gefahr',
							'Notfall',
							'Landung',
							'Gewitter',
							'unsicher',
							'beunruhig'
						],
						nl: [
							'veilig',
							'veiligheid',
							'turbulentie',
							'gevaarlijk',
							'gevaar',
							'noodgeval',
							'gordel',
							'onweer'
						],
						fi: [
							'turva',
							'turbulenssi',
							'vaarallinen',
							'vaara',
							'hätä',
							'laskeutumis',
							'pelotti',
							'pelko',
							'myrsky'
						],
						ro: [
							'siguranță',
							'sigur',
							'securitate',
							'turbulențe',
							'periculos',
							'pericol',
							'urgență'
						]
					}
				},
				{
					key: 'snacks',
					name: 'In-flight snacks',
					weight: 1,
					description: 'Food and drinks served on board.',
					keywords: {
						en: [
							'food',
							'snack',
							'meal',
							'drink',
							'coffee',
							'sandwich',
							'catering',
							'breakfast',
							'lunch',
							'dinner',
							'tea',
							'pretzel',
							'peanut',
							'water'
						],
						de: [
							'Essen',
							'Snack',
							'Getränk',
							'Mahlzeit',
							'Verpflegung',
							'Kaffee',
							'Brötchen',
							'Sandwich',
							'Brezel',
							'Wasser',
							'Menü',
							'Jause',
							'Frühstück',
							'Tee'
						],
						nl: [
							'eten',
							'snack',
							'drankje',
							'drinken',
							'maaltijd',
							'koffie',
							'broodje',
							'catering',
							'water',
							'koekjes',
							'boordverkoop',
							'thee',
							'ontbijt'
						],
						fi: [
							'ruoka',
							'ruoa',
							'välipala',
							'juoma',
							'ateria',
							'kahvi',
							'voileipä',
							'tarjoilu',
							'eväs',
							'eväät',
							'vettä',
							'vesi',
							'pähkin',
							'mehu'
						],
						ro: [
							'mâncare',
							'gustare',
							'băutur',
							'masa',
							'meniu',
							'cafea',
							'sandviș',
							'mic dejun',
							'apă',
							'covrig',
							'croissant',
							'suc'
						]
					}
				}
			]
		},
		definition: {
			...englishOnly,
			title: en('How was your flight?'),
			intro: en('Tell us about your recent flight with us. It takes about two minutes.'),
			thankYou: thanks,
			buttons,
			pages: [
				{
					id: 'flight',
					title: en('Your flight'),
					questions: [
						{
							id: 'punctuality',
							type: 'rating',
							factor: 'punctuality',
							text: en('How satisfied are you with the punctuality of your departure?'),
							required: true,
							...satisfactionScale,
							allowNotApplicable: false
						},
						{
							id: 'customs',
							type: 'rating',
							factor: 'customs',
							text: en('How satisfied are you with how fast customs clearance went?'),
							help: en('Choose “not applicable” if your flight had no customs control.'),
							required: true,
							...satisfactionScale,
							allowNotApplicable: true
						},
						{
							id: 'safety',
							type: 'rating',
							factor: 'safety',
							text: en('How satisfied are you with the safety of your flight?'),
							required: true,
							...satisfactionScale,
							allowNotApplicable: false
						},
						{
							id: 'snacks',
							type: 'rating',
							factor: 'snacks',
							text: en('How satisfied are you with the snacks served on board?'),
							required: true,
							...satisfactionScale,
							allowNotApplicable: true
						}
					]
				},
				{
					id: 'overall',
					title: en('Overall'),
					questions: [
						{
							id: 'overall',
							type: 'overall',
							text: en('Overall, how satisfied are you with your flight?'),
							required: true,
							...satisfactionScale
						},
						{
							id: 'improve',
							type: 'text',
							text: en('What should we improve?'),
							required: false,
							maxLength: MAX_TEXT_ANSWER
						}
					]
				}
			]
		}
	},
	{
		id: 'acsi',
		name: 'ACSI-style',
		description:
			'The drivers of the American Customer Satisfaction Index — expectations, quality, value, complaints, loyalty — with overall satisfaction and NPS.',
		model: {
			name: 'ACSI-style',
			factors: [
				{
					key: 'expectations',
					name: 'Expectations',
					weight: 1,
					description: 'How well the experience matched what the customer expected.',
					keywords: {
						en: [
							'expected',
							'expectation',
							'promised',
							'disappointed',
							'as described',
							'expect',
							'description',
							'described',
							'let me down',
							'let down'
						],
						de: [
							'erwartet',
							'Erwartung',
							'versprochen',
							'enttäuscht',
							'wie beschrieben',
							'angekündigt'
						],
						nl: ['verwacht', 'verwachting', 'beloofd', 'teleurgesteld', 'zoals beschreven'],
						fi: [
							'odotu',
							'odotin',
							'odotettu',
							'luvattu',
							'lupa',
							'pettymys',
							'pettynyt',
							'sovittu'
						],
						ro: [
							'așteptări',
							'așteptat',
							'promis',
							'dezamăgit',
							'dezamăgire',
							'descris',
							'așteptam',
							'poze'
						]
					}
				},
				{
					key: 'quality',
					name: 'Perceived quality',
					weight: 1,
					description: 'How good and reliable the product or service is.',
					keywords: {
						en: [
							'quality',
							'reliable',
							'broken',
							'works',
							'defect',
							'sturdy',
							'product',
							'crash',
							'reliab',
							'service'
						],
						de: [
							'Qualität',
							'zuverlässig',
							'kaputt',
							'funktioniert',
							'defekt',
							'Verarbeitung',
							'Produkt',
							'hochwertig',
							'Geist aufgegeben',
							'Material',
							'stabil'
						],
						nl: [
							'kwaliteit',
							'betrouwbaar',
							'kapot',
							'werkt',
							'defect',
							'product',
							'materiaal',
							'apparaat',
							'uit elkaar',
							'gescheurd',
							'doorweekt'
						],
						fi: [
							'laatu',
							'luotettava',
							'rikki',
							'toimii',
							'viallinen',
							'hajo',
							'tuote',
							'tuott',
							'laite',
							'laitte',
							'repesi',
							'kama'
						],
						ro: [
							'calitate',
							'fiabil',
							'stricat',
							'funcționează',
							'defect',
							'produs',
							'merge',
							'serviciu',
							'funcțion'
						]
					}
				},
				{
					key: 'value',
					name: 'Perceived value',
					weight: 1,
					description: 'Quality relative to the price paid.',
					keywords: {
						en: ['price', 'value', 'expensive', 'cheap', 'worth', 'money', 'cost', 'paid', 'pay'],
						de: [
							'Preis',
							'teuer',
							'günstig',
							'billig',
							'wert',
							'Geld',
							'kostet',
							'zahle',
							'bezahlt'
						],
						nl: ['prijs', 'duur', 'goedkoop', 'waard', 'geld', 'kost', 'betaald', 'betalen'],
						fi: ['hinta', 'kallis', 'halpa', 'edullinen', 'arvoinen', 'raha', 'maksaa', 'euro'],
						ro: ['preț', 'scump', 'ieftin', 'merită', 'bani', 'costă', 'plătit', 'plătesc', 'lei']
					}
				},
				{
					key: 'complaints',
					name: 'Complaint handling',
					weight: 1,
					description: 'How well problems and complaints were dealt with.',
					keywords: {
						en: [
							'complaint',
							'complain',
							'problem',
							'resolved',
							'refund',
							'support',
							'customer service',
							'money back',
							'replacement',
							'charged'
						],
						de: [
							'Beschwerde',
							'beschwert',
							'Reklamation',
							'Problem',
							'gelöst',
							'Kundenservice',
							'Erstattung',
							'gemeldet',
							'Kündigung',
							'angerufen',
							'Rücksendung'
						],
						nl: [
							'klacht',
							'probleem',
							'opgelost',
							'klantenservice',
							'terugbetaling',
							'helpdesk',
							'terugsturen',
							'retour'
						],
						fi: [
							'valitus',
							'valitin',
							'reklamaatio',
							'ongelma',
							'ratkais',
							'asiakaspalvelu',
							'hyvitys',
							'reklam',
							'takuu',
							'palautu'
						],
						ro: [
							'reclamație',
							'plângere',
							'problemă',
							'rezolvat',
							'rambursare',
							'suport',
							'reclam',
							'retur',
							'garanți',
							'înlocuit'
						]
					}
				},
				{
					key: 'loyalty',
					name: 'Loyalty',
					weight: 1,
					description: 'Willingness to stay a customer.',
					keywords: {
						en: ['again', 'loyal', 'switch', 'stay', 'recommend', 'customer for'],
						de: [
							'wieder',
							'treu',
							'wechseln',
							'bleiben',
							'empfehlen',
							'Konkurrenz',
							'gekündigt',
							'Alternativen',
							'nochmal'
						],
						nl: [
							'weer',
							'opnieuw',
							'trouw',
							'overstappen',
							'blijven',
							'aanraden',
							'overgestapt',
							'vaker',
							'abonnee'
						],
						fi: [
							'uudelleen',
							'taas',
							'uskollinen',
							'vaihda',
							'suosittel',
							'jatkan',
							'pysyn',
							'kilpailija',
							'vaihdan',
							'enää',
							'uudestaan',
							'tilaan lisää'
						],
						ro: [
							'din nou',
							'fidel',
							'schimba',
							'rămân',
							'recomand',
							'mai cumpăr',
							'mai comand',
							'revin',
							'concurență',
							'renunța'
						]
					}
				}
			]
		},
		definition: {
			...englishOnly,
			title: en('How are we doing?'),
			intro: en('Your answers help us understand what matters to you.'),
			thankYou: thanks,
			buttons,
			pages: [
				{
					id: 'drivers',
					questions: [
						{
							id: 'expectations',
							type: 'rating',
							factor: 'expectations',
							text: en('How well did we meet your expectations?'),
							required: true,
							lowLabel: en('Far below my expectations'),
							highLabel: en('Far above my expectations'),
							allowNotApplicable: false
						},
						{
							id: 'quality',
							type: 'rating',
							factor: 'quality',
							text: en('How would you rate the quality of our products and services?'),
							required: true,
							...qualityScale,
							allowNotApplicable: false
						},
						{
							id: 'value',
							type: 'rating',
							factor: 'value',
							text: en('How would you rate what you get for the price you pay?'),
							required: true,
							...qualityScale,
							allowNotApplicable: false
						},
						{
							id: 'complaints',
							type: 'rating',
							factor: 'complaints',
							text: en('How satisfied are you with how we handled your complaints?'),
							help: en('Choose “not applicable” if you have never complained.'),
							required: true,
							...satisfactionScale,
							allowNotApplicable: true
						},
						{
							id: 'loyalty',
							type: 'rating',
							factor: 'loyalty',
							text: en('How likely are you to stay with us?'),
							required: true,
							lowLabel: en('Very unlikely'),
							highLabel: en('Very likely'),
							allowNotApplicable: false
						}
					]
				},
				{
					id: 'overall',
					questions: [
						{
							id: 'overall',
							type: 'overall',
							text: en('Overall, how satisfied are you with us?'),
							required: true,
							...satisfactionScale
						},
						{
							id: 'recommend',
							type: 'nps',
							text: en('How likely are you to recommend us to a friend or colleague?'),
							required: true,
							...recommendScale
						},
						{
							id: 'improve',
							type: 'text',
							text: en('What could we do better?'),
							required: false,
							maxLength: MAX_TEXT_ANSWER
						}
					]
				}
			]
		}
	},
	{
		id: 'service-desk-csat',
		name: 'Service desk CSAT',
		description:
			'Satisfaction with a support contact: speed, competence, friendliness and whether the issue was resolved.',
		model: {
			name: 'Support desk',
			factors: [
				{
					key: 'speed',
					name: 'Speed of response',
					weight: 2,
					description: 'How quickly the desk answered.',
					keywords: {
						en: ['fast', 'slow', 'wait', 'quick', 'response'],
						de: ['schnell', 'langsam', 'warten', 'gewartet', 'Wartezeit', 'Antwort', 'zügig'],
						nl: [
							'snel',
							'traag',
							'langzaam',
							'wachten',
							'gewacht',
							'wachttijd',
							'reactie',
							'antwoord'
						],
						fi: ['nopea', 'nopeasti', 'hidas', 'hitaasti', 'odot', 'vastaus', 'vastasi'],
						ro: ['rapid', 'repede', 'încet', 'așteptat', 'așteptare', 'răspuns']
					}
				},
				{
					key: 'competence',
					name: 'Competence',
					weight: 2,
					description: 'Whether the agent knew what they were doing.',
					keywords: {
						en: ['knowledge', 'expert', 'competent', 'understood'],
						de: ['Ahnung', 'Fachwissen', 'kompetent', 'Experte', 'verstanden'],
						nl: ['kennis', 'deskundig', 'expert', 'competent', 'begreep'],
						fi: ['osaa', 'osaava', 'asiantunt', 'pätevä', 'ymmärsi'],
						ro: ['cunoștințe', 'expert', 'competent', 'priceput', 'înțeles']
					}
				},
				{
					key: 'friendliness',
					name: 'Friendliness',
					weight: 1,
					description: 'How the agent treated the customer.',
					keywords: {
						en: ['friendly', 'polite', 'rude', 'kind', 'helpful'],
						de: ['freundlich', 'höflich', 'unhöflich', 'nett', 'hilfsbereit'],
						nl: ['vriendelijk', 'beleefd', 'onbeleefd', 'aardig', 'behulpzaam'],
						fi: ['ystävällinen', 'kohtelias', 'epäkohtelias', 'töykeä', 'avulias'],
						ro: ['amabil', 'politicos', 'nepoliticos', 'drăguț', 'de ajutor']
					}
				},
				{
					key: 'resolution',
					name: 'Resolution',
					weight: 3,
					description: 'Whether the issue was solved.',
					keywords: {
						en: ['solved', 'resolved', 'fixed', 'solution'],
						de: ['gelöst', 'Lösung', 'behoben', 'erledigt'],
						nl: ['opgelost', 'oplossing', 'verholpen', 'geregeld'],
						fi: ['ratkais', 'korjattu', 'korjasi', 'hoidettu'],
						ro: ['rezolvat', 'soluție', 'remediat', 'reparat']
					}
				}
			]
		},
		definition: {
			...englishOnly,
			title: en('How did we do?'),
			intro: en('You recently contacted our service desk. Tell us how it went.'),
			thankYou: thanks,
			buttons,
			pages: [
				{
					id: 'contact',
					questions: [
						{
							id: 'speed',
							type: 'rating',
							factor: 'speed',
							text: en('How satisfied are you with how quickly we responded?'),
							required: true,
							...satisfactionScale,
							allowNotApplicable: false
						},
						{
							id: 'competence',
							type: 'rating',
							factor: 'competence',
							text: en('How satisfied are you with the competence of the person who helped you?'),
							required: true,
							...satisfactionScale,
							allowNotApplicable: false
						},
						{
							id: 'friendliness',
							type: 'rating',
							factor: 'friendliness',
							text: en('How satisfied are you with the friendliness of the person who helped you?'),
							required: true,
							...satisfactionScale,
							allowNotApplicable: false
						},
						{
							id: 'resolution',
							type: 'rating',
							factor: 'resolution',
							text: en('How satisfied are you with how your issue was resolved?'),
							required: true,
							...satisfactionScale,
							allowNotApplicable: false
						},
						{
							id: 'overall',
							type: 'overall',
							text: en('Overall, how satisfied are you with our service desk?'),
							required: true,
							...satisfactionScale
						},
						{
							id: 'improve',
							type: 'text',
							text: en('What could we have done better?'),
							required: false,
							maxLength: MAX_TEXT_ANSWER
						}
					]
				}
			]
		}
	},
	{
		id: 'nps-reasons',
		name: 'NPS + reasons',
		description:
			'The Net Promoter question, the reason behind the score, and how often the client uses the service.',
		model: null,
		definition: {
			...englishOnly,
			title: en('Would you recommend us?'),
			thankYou: thanks,
			buttons,
			pages: [
				{
					id: 'recommend',
					questions: [
						{
							id: 'recommend',
							type: 'nps',
							text: en('How likely are you to recommend us to a friend or colleague?'),
							required: true,
							...recommendScale
						},
						{
							id: 'reason',
							type: 'text',
							text: en('What is the main reason for your score?'),
							required: false,
							maxLength: MAX_TEXT_ANSWER
						},
						{
							id: 'frequency',
							type: 'single',
							text: en('How often do you use our service?'),
							required: true,
							options: [
								{ id: 'daily', label: en('Daily') },
								{ id: 'weekly', label: en('Weekly') },
								{ id: 'monthly', label: en('Monthly') },
								{ id: 'rarely', label: en('Less than monthly') }
							]
						}
					]
				}
			]
		}
	}
];

export function templateById(id: string): SurveyTemplate | null {
	return surveyTemplates.find((template) => template.id === id) ?? null;
}
