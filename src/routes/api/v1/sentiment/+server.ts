import { analyzeText } from '$lib/sentiment';
import { apiRoute } from '$lib/server/api/endpoint';
import { scoreTexts } from '$lib/server/api/endpoints/sentiment';
import { ApiError } from '$lib/server/api/errors';
import { appDb } from '$lib/server/db/app-db';
import { modelKeywords } from '$lib/server/models/service';
import { currentScorer } from '$lib/server/sentiment/columns';
import { topicNames } from '$lib/server/sentiment/topics';
import * as m from '$lib/paraglide/messages';

export const POST = apiRoute(scoreTexts, async ({ body }) => {
	const db = appDb();
	const scorer = await currentScorer(db);
	const names = await topicNames(db);
	const factors =
		body.modelId === undefined ? scorer.keywords : await modelKeywords(db, body.modelId);
	if (!factors) throw new ApiError(404, m.api_no_csi_model_id({ id: String(body.modelId) }));
	return body.texts.map(({ text, language }) => {
		const result = analyzeText(text, {
			language: language ?? null,
			factors,
			topics: scorer.topics
		});
		return {
			language: result.language,
			score: result.score,
			comparative: result.comparative,
			label: result.label,
			words: result.words,
			aspects: result.aspects.map(({ factor, label, score, words }) => ({
				factor,
				label,
				score,
				words
			})),
			topics: result.topics.map(({ topic, label, score, words }) => ({
				topicId: Number(topic),
				name: names.get(topic) ?? '',
				label,
				score,
				words
			}))
		};
	});
});
