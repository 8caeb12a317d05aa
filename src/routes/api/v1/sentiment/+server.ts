import { analyzeText } from '$lib/sentiment';
import { apiRoute } from '$lib/server/api/endpoint';
import { scoreTexts } from '$lib/server/api/endpoints/sentiment';

export const POST = apiRoute(scoreTexts, ({ body }) =>
	body.texts.map(({ text, language }) => {
		const {
			language: used,
			score,
			comparative,
			label,
			words
		} = analyzeText(text, { language: language ?? null });
		return { language: used, score, comparative, label, words };
	})
);
