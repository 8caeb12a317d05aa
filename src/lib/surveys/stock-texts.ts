import { localeOf } from '../i18n/locale';
import * as m from '../paraglide/messages';
import { isLocale, locales, type Locale } from '../paraglide/runtime';
import type { LocalizedText, Question, SurveyDefinition } from '../schemas/survey';
import { localize } from './localize';

type StockText = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;
type Scale = { low: StockText; high: StockText };

/**
 * The scales whose end labels come with Satisfy, in every language it speaks. A survey that
 * leaves a label out, or keeps one of these labels as it was written, shows it in the
 * respondent's language; only a label the survey words itself stays as written.
 */
const stockScales = {
	satisfaction: {
		low: m.respondent_scale_satisfaction_low,
		high: m.respondent_scale_satisfaction_high
	},
	likelihood: {
		low: m.respondent_scale_likelihood_low,
		high: m.respondent_scale_likelihood_high
	},
	quality: { low: m.respondent_scale_quality_low, high: m.respondent_scale_quality_high }
} satisfies Record<string, Scale>;

/** The scale a question of this type shows when its survey gives no labels. */
const defaultScale: Partial<Record<Question['type'], Scale>> = {
	rating: stockScales.satisfaction,
	overall: stockScales.satisfaction,
	nps: stockScales.likelihood
};

/** The stock text `label` was written as, in whichever of Satisfy's languages. */
function stockTextOf(label: LocalizedText, end: keyof Scale): StockText | undefined {
	const written = new Set(Object.values(label).map((text) => text.trim()));
	return Object.values(stockScales)
		.map((scale) => scale[end])
		.find((text) => locales.some((locale) => written.has(text({}, { locale }))));
}

function scaleEnd(
	question: Question,
	end: keyof Scale,
	language: string,
	defaultLanguage: string
): string {
	const label =
		'lowLabel' in question ? question[end === 'low' ? 'lowLabel' : 'highLabel'] : undefined;
	const own = label?.[language] || label?.[language.split('-')[0]!];
	if (own) return own;
	const stock =
		label && Object.keys(label).length
			? stockTextOf(label, end)
			: defaultScale[question.type]?.[end];
	return stock
		? stock({}, { locale: localeOf(language) })
		: localize(label, language, defaultLanguage);
}

/**
 * The words at the two ends of a question's scale in the respondent's language: the survey's
 * own in that language, else Satisfy's stock wording of the same scale, else (a label the
 * survey wrote and did not translate) its default language's. Null when the scale has none.
 */
export function scaleEnds(
	question: Question,
	language: string,
	defaultLanguage: string
): { low: string; high: string } | null {
	const low = scaleEnd(question, 'low', language, defaultLanguage);
	const high = scaleEnd(question, 'high', language, defaultLanguage);
	return low || high ? { low, high } : null;
}

/**
 * A text the survey may word itself (its thank-you, its buttons): its own in the respondent's
 * language, else the stock wording in that language, never another language's.
 */
export function ownOrStock(
	text: LocalizedText | undefined,
	language: string,
	stock: StockText
): string {
	return (
		text?.[language] || text?.[language.split('-')[0]!] || stock({}, { locale: localeOf(language) })
	);
}

/** The parts of what respondents read that Satisfy words when the survey does not. */
export type StockPart =
	| 'thankYou'
	| 'nextButton'
	| 'backButton'
	| 'submitButton'
	| 'scaleLabels'
	| 'pageTexts'
	| 'profileAndUnsubscribe'
	| 'invitationEmail';

const wordedIn = (text: LocalizedText | undefined, language: string) =>
	Boolean(text?.[language] || text?.[language.split('-')[0]!]);

/**
 * What respondents answering in `language` read in English because Satisfy does not speak that
 * language: its stock texts, less those the survey words itself in it. None for Satisfy's
 * languages, whose stock texts come in the respondent's own.
 */
export function stockFallbacks(definition: SurveyDefinition, language: string): StockPart[] {
	if (isLocale(language.toLowerCase().split('-')[0])) return [];
	const buttons = definition.buttons ?? {};
	const stockScale = definition.pages
		.flatMap((page) => page.questions)
		.some((question) =>
			(['low', 'high'] as const).some((end) => {
				const label =
					'lowLabel' in question ? question[end === 'low' ? 'lowLabel' : 'highLabel'] : undefined;
				if (wordedIn(label, language)) return false;
				return label && Object.keys(label).length
					? stockTextOf(label, end) !== undefined
					: question.type in defaultScale;
			})
		);
	return [
		...(wordedIn(definition.thankYou, language) ? [] : (['thankYou'] as const)),
		...(wordedIn(buttons.next, language) ? [] : (['nextButton'] as const)),
		...(wordedIn(buttons.back, language) ? [] : (['backButton'] as const)),
		...(wordedIn(buttons.submit, language) ? [] : (['submitButton'] as const)),
		...(stockScale ? (['scaleLabels'] as const) : []),
		// Never worded by a survey: required and optional, "not applicable", errors, the counter.
		'pageTexts',
		'profileAndUnsubscribe',
		'invitationEmail'
	];
}
