import { describe, expect, it } from 'vitest';
import * as m from '../paraglide/messages';
import type { Question, SurveyDefinition } from '../schemas/survey';
import { ownOrStock, scaleEnds, stockFallbacks } from './stock-texts';

const rating = (
	labels: Partial<Pick<Extract<Question, { type: 'rating' }>, 'lowLabel' | 'highLabel'>>
) =>
	({
		id: 'q',
		type: 'rating',
		text: { en: 'Service?' },
		required: true,
		factor: 'service',
		allowNotApplicable: false,
		...labels
	}) as Question;

describe('scale ends', () => {
	it('shows stock labels written in English in the respondent’s language', () => {
		const question = rating({
			lowLabel: { en: 'Completely dissatisfied' },
			highLabel: { en: 'Completely satisfied' }
		});
		expect(scaleEnds(question, 'de', 'en')).toEqual({
			low: 'Völlig unzufrieden',
			high: 'Völlig zufrieden'
		});
		expect(scaleEnds(question, 'fi', 'en')).toEqual({
			low: 'Täysin tyytymätön',
			high: 'Täysin tyytyväinen'
		});
		expect(scaleEnds(question, 'en', 'en')).toEqual({
			low: 'Completely dissatisfied',
			high: 'Completely satisfied'
		});
	});

	it('recognises a stock label written in any of the five languages', () => {
		const question = rating({
			lowLabel: { de: 'Sehr schlecht' },
			highLabel: { de: 'Ausgezeichnet' }
		});
		expect(scaleEnds(question, 'ro', 'de')).toEqual({ low: 'Foarte slab', high: 'Excelent' });
	});

	it('keeps the survey’s own wording in its language, and its default language’s where untranslated', () => {
		const question = rating({
			lowLabel: { en: 'Awful', de: 'Furchtbar' },
			highLabel: { en: 'Superb' }
		});
		expect(scaleEnds(question, 'de', 'en')).toEqual({ low: 'Furchtbar', high: 'Superb' });
	});

	it('gives a scale without labels its type’s stock wording, and importance none', () => {
		expect(scaleEnds(rating({}), 'nl', 'en')).toEqual({
			low: 'Helemaal ontevreden',
			high: 'Helemaal tevreden'
		});
		const nps = { id: 'n', type: 'nps', text: { en: 'Recommend?' }, required: true } as Question;
		expect(scaleEnds(nps, 'ro', 'en')).toEqual({ low: 'Deloc probabil', high: 'Foarte probabil' });
		const importance = {
			id: 'i',
			type: 'importance',
			text: { en: 'How important?' },
			required: true,
			factor: 'service'
		} as Question;
		expect(scaleEnds(importance, 'de', 'en')).toBeNull();
	});
});

describe('own or stock', () => {
	it('takes the survey’s text in the respondent’s language, else the stock wording, never English', () => {
		const thanks = { en: 'Thank you! Your answers help us get better.' };
		expect(ownOrStock(thanks, 'en', m.respondent_thanks)).toBe(thanks.en);
		expect(ownOrStock(thanks, 'de', m.respondent_thanks)).toBe('Vielen Dank für Ihre Antworten!');
		expect(ownOrStock({ en: 'Next', 'de-AT': 'Weiter geht’s' }, 'de-AT', m.respondent_next)).toBe(
			'Weiter geht’s'
		);
		expect(ownOrStock(undefined, 'fi', m.respondent_submit)).toBe(
			m.respondent_submit({}, { locale: 'fi' })
		);
	});
});

describe('stock fallbacks', () => {
	const survey = (extra: Partial<SurveyDefinition>, questions: Question[]) =>
		({
			defaultLanguage: 'en',
			languages: ['en', 'es'],
			title: { en: 'Survey' },
			pages: [{ questions }],
			...extra
		}) as SurveyDefinition;

	it('finds none in the languages Satisfy speaks, regions included', () => {
		const plain = survey({}, [rating({})]);
		for (const language of ['en', 'de', 'nl-BE', 'fi', 'ro']) {
			expect(stockFallbacks(plain, language), language).toEqual([]);
		}
	});

	it('lists every stock text of a language Satisfy does not speak, when the survey words none', () => {
		expect(stockFallbacks(survey({}, [rating({})]), 'es')).toEqual([
			'thankYou',
			'nextButton',
			'backButton',
			'submitButton',
			'scaleLabels',
			'pageTexts',
			'profileAndUnsubscribe',
			'invitationEmail'
		]);
	});

	it('leaves out what the survey words in that language, and labels of its own', () => {
		const worded = survey(
			{
				thankYou: { en: 'Thanks', es: 'Gracias' },
				buttons: { next: { es: 'Siguiente' }, back: { es: 'Atrás' }, submit: { es: 'Enviar' } }
			},
			[
				rating({ lowLabel: { en: 'Poor', es: 'Malo' }, highLabel: { en: 'Great', es: 'Genial' } }),
				// Not translated, but the survey's own words: a missing translation, not a stock text.
				rating({ lowLabel: { en: 'Slow' }, highLabel: { en: 'Fast' } })
			]
		);
		expect(stockFallbacks(worded, 'es-MX')).toEqual([
			'pageTexts',
			'profileAndUnsubscribe',
			'invitationEmail'
		]);
	});

	it('counts a stock label kept as written as stock', () => {
		const kept = survey({}, [
			rating({
				lowLabel: { en: m.respondent_scale_satisfaction_low({}, { locale: 'en' }) },
				highLabel: { en: m.respondent_scale_satisfaction_high({}, { locale: 'en' }) }
			})
		]);
		expect(stockFallbacks(kept, 'es')).toContain('scaleLabels');
	});
});
