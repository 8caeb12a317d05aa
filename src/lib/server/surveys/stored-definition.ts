import { surveyDefinitionSchema, type SurveyDefinition } from '../../schemas/survey';

/** Enough for every open survey's current versions; the oldest entry makes room. */
const MOST_KEPT = 200;
const parsed = new Map<number, { json: string; definition: SurveyDefinition }>();

/**
 * A survey version's definition, checked with its zod schema once and then reused: parsing costs
 * more than the rest of a respondent's request. Versions are edited in place (wording,
 * translations, and anything before the first answer), so a cached entry counts only while the
 * stored JSON text is exactly the same. The result is frozen: it is shared by every request.
 */
export function storedDefinition(versionId: number, json: string): SurveyDefinition {
	const hit = parsed.get(versionId);
	if (hit && hit.json === json) return hit.definition;
	// Stored definitions were validated when saved; a failure here is a bug, not user input.
	const definition = deepFreeze(surveyDefinitionSchema.parse(JSON.parse(json)));
	parsed.delete(versionId);
	parsed.set(versionId, { json, definition });
	if (parsed.size > MOST_KEPT) parsed.delete(parsed.keys().next().value!);
	return definition;
}

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const child of Object.values(value)) deepFreeze(child);
	}
	return value;
}
