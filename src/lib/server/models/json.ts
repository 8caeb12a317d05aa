import type { ModelView } from './service';

/** A model as the API presents it. */
export function modelJson(model: ModelView) {
	const wording = new Map(model.factors.map((factor) => [factor.key, factor]));
	return {
		id: model.id,
		name: model.name,
		description: model.description,
		version: model.current.version,
		factors: model.current.factors.map(({ key, name, weight, share }) => ({
			key,
			name,
			weight,
			share,
			description: wording.get(key)?.description ?? null,
			keywords: wording.get(key)?.keywords ?? [],
			keywordsByLanguage: wording.get(key)?.keywordsByLanguage ?? {}
		})),
		versions: model.versions.map((version) => ({
			version: version.version,
			note: version.note,
			weightSource: version.weightSource,
			createdAt: version.createdAt.toISOString(),
			factors: version.factors.map(({ key, name, weight, share }) => ({ key, name, weight, share }))
		}))
	};
}
