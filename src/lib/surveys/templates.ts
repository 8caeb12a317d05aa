import { MAX_TEXT_ANSWER, type LocalizedText, type SurveyDefinition } from '../schemas/survey';

export type FactorTemplate = {
	key: string;
	name: string;
	weight: number;
	description?: string;
	keywords: string[];
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
					keywords: ['delay', 'late', 'on time', 'departure']
				},
				{
					key: 'customs',
					name: 'Fast customs clearance',
					weight: 2,
					description: 'Passport and customs control took little time.',
					keywords: ['customs', 'passport', 'queue', 'border']
				},
				{
					key: 'safety',
					name: 'Safety',
					weight: 3,
					description: 'Passengers felt safe throughout the flight.',
					keywords: ['safe', 'safety', 'turbulence']
				},
				{
					key: 'snacks',
					name: 'In-flight snacks',
					weight: 1,
					description: 'Food and drinks served on board.',
					keywords: ['food', 'snack', 'meal', 'drink']
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
					keywords: ['expected', 'expectation', 'promised', 'disappointed']
				},
				{
					key: 'quality',
					name: 'Perceived quality',
					weight: 1,
					description: 'How good and reliable the product or service is.',
					keywords: ['quality', 'reliable', 'broken', 'works']
				},
				{
					key: 'value',
					name: 'Perceived value',
					weight: 1,
					description: 'Quality relative to the price paid.',
					keywords: ['price', 'value', 'expensive', 'cheap', 'worth']
				},
				{
					key: 'complaints',
					name: 'Complaint handling',
					weight: 1,
					description: 'How well problems and complaints were dealt with.',
					keywords: ['complaint', 'complain', 'problem', 'resolved']
				},
				{
					key: 'loyalty',
					name: 'Loyalty',
					weight: 1,
					description: 'Willingness to stay a customer.',
					keywords: ['again', 'loyal', 'switch', 'stay']
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
					keywords: ['fast', 'slow', 'wait', 'quick', 'response']
				},
				{
					key: 'competence',
					name: 'Competence',
					weight: 2,
					description: 'Whether the agent knew what they were doing.',
					keywords: ['knowledge', 'expert', 'competent', 'understood']
				},
				{
					key: 'friendliness',
					name: 'Friendliness',
					weight: 1,
					description: 'How the agent treated the customer.',
					keywords: ['friendly', 'polite', 'rude', 'kind', 'helpful']
				},
				{
					key: 'resolution',
					name: 'Resolution',
					weight: 3,
					description: 'Whether the issue was solved.',
					keywords: ['solved', 'resolved', 'fixed', 'solution']
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
