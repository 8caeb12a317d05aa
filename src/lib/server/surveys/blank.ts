import type { SurveyDefinition } from '../../schemas/survey';
import { addQuestion } from '../../surveys/definition';

/** A new survey starts with the overall satisfaction question: it enables derived importance. */
export function blankDefinition(title: string, language: string): SurveyDefinition {
	const empty: SurveyDefinition = {
		defaultLanguage: language,
		languages: [language],
		title: { [language]: title },
		thankYou: { [language]: 'Thank you for your answers!' },
		buttons: {
			next: { [language]: 'Next' },
			back: { [language]: 'Back' },
			submit: { [language]: 'Send answers' }
		},
		pages: [{ id: 'page1', questions: [] }]
	};
	return addQuestion(empty, 0, 'overall');
}
