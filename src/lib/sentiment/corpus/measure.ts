import { templateById } from '../../surveys/templates';
import { analyzeText } from '../analyze';
import { scoreCorpus, type CorpusScore } from '../evaluate';
import type { FactorKeywords, SupportedLanguage, Thresholds } from '../types';
import { CORPUS, type CorpusDomain, type CorpusSplit } from './index';

const templateOf: Record<CorpusDomain, string> = { airline: 'airline-csi', acsi: 'acsi' };

/** The factors of a domain's template, each language's keywords for texts in that language. */
function factorsOf(domain: CorpusDomain): FactorKeywords {
	const model = templateById(templateOf[domain])?.model;
	if (!model) throw new Error(`The ${templateOf[domain]} template has no model`);
	return model.factors.map(({ key, keywords }) => ({ key, keywords: [], byLanguage: keywords }));
}
const factorsByDomain: Record<CorpusDomain, FactorKeywords> = {
	airline: factorsOf('airline'),
	acsi: factorsOf('acsi')
};

/** Strict accuracy on one language's split, the language given as a survey or review gives it. */
export function measureCorpus(
	language: SupportedLanguage,
	split: CorpusSplit,
	thresholds?: Thresholds
): CorpusScore {
	const texts = CORPUS[language].filter((text) => text.split === split);
	const predicted = texts.map(({ text, domain }) =>
		analyzeText(text, { language, factors: factorsByDomain[domain], thresholds })
	);
	return scoreCorpus(texts, predicted);
}
