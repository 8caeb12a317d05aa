import * as m from '../paraglide/messages';
import {
	questionPlace,
	SKIP_TO_END,
	type Condition,
	type Page,
	type SurveyDefinition
} from '../schemas/survey';
import { findQuestion } from './definition';

const comparisonTexts = {
	lte: m.survey_logic_text_lte,
	gte: m.survey_logic_text_gte,
	eq: m.survey_logic_text_eq
};
const choiceTexts = {
	is: m.survey_logic_text_is,
	isNot: m.survey_logic_text_is_not,
	includes: m.survey_logic_text_includes
};

/** Where the question a condition tests is asked; a matrix row by its matrix and its text. */
function placeOf(definition: SurveyDefinition, id: string): string {
	const found = findQuestion(definition, id);
	if (found) return questionPlace(definition, found.pageIndex, found.questionIndex);
	for (const [pageIndex, page] of definition.pages.entries()) {
		for (const [questionIndex, question] of page.questions.entries()) {
			const row = question.type === 'matrix' && question.rows.find((row) => row.id === id);
			if (row)
				return m.survey_logic_matrix_row({
					question: questionPlace(definition, pageIndex, questionIndex),
					row: row.text[definition.defaultLanguage] ?? id
				});
		}
	}
	return id;
}

/** A condition as the builder states it: "Page 1, question 1 (“How punctual…”) ≤ 2". */
export function conditionText(definition: SurveyDefinition, condition: Condition): string {
	const found = findQuestion(definition, condition.question);
	const question = placeOf(definition, condition.question);
	if ('value' in condition)
		return comparisonTexts[condition.op]({ question, value: condition.value });
	if ('option' in condition) {
		const options = found && 'options' in found.question ? found.question.options : [];
		const label = options.find(({ id }) => id === condition.option)?.label;
		const option = label?.[definition.defaultLanguage] ?? condition.option;
		return choiceTexts[condition.op]({ question, option });
	}
	return condition.op === 'answered'
		? m.survey_logic_text_answered({ question })
		: m.survey_logic_text_not_answered({ question });
}

/** A page's skip rule in words: "If …, next comes page 4" (or the end of the survey). */
export function skipText(definition: SurveyDefinition, skip: NonNullable<Page['skipTo']>): string {
	const index = definition.pages.findIndex(({ id }) => id === skip.to);
	const target =
		skip.to === SKIP_TO_END || index < 0
			? m.survey_logic_end_text()
			: m.surveys_page_heading({ page: index + 1 });
	return m.survey_logic_skip_text({ condition: conditionText(definition, skip.if), target });
}
