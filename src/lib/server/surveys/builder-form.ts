import { canonicalLanguage } from '../../schemas/clients';
import { MAX_TEXT_ANSWER, type LocalizedText, type Question, type SurveyDefinition } from '../../schemas/survey';
import { findQuestion } from '../../surveys/definition';

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

/**
 * Sets one language's entry of a text. An empty value removes that entry, and an optional text
 * left with no entries is dropped altogether.
 */
export function withText(current: LocalizedText | undefined, language: string, value: string): LocalizedText | undefined {
	const { [language]: _old, ...others } = current ?? {};
	const next = value ? { ...others, [language]: value } : others;
	return Object.keys(next).length ? next : undefined;
}

/** Drops keys whose value is undefined: optional texts that were emptied. */
function compact<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

/** The question as edited in the builder's form, in the default language; other fields stay. */
export function editedQuestion(question: Question, form: FormData, language: string): Question {
	const edited: Record<string, unknown> = {
		...question,
		text: withText(question.text, language, text(form, 'text')) ?? {},
		help: withText(question.help, language, text(form, 'help')),
		required: form.get('required') === 'on'
	};
	if ('factor' in question || question.type === 'text') edited.factor = text(form, 'factor') || (question.type === 'text' ? undefined : '');
	if (question.type === 'rating' || question.type === 'overall' || question.type === 'nps') {
		edited.lowLabel = withText(question.lowLabel, language, text(form, 'lowLabel'));
		edited.highLabel = withText(question.highLabel, language, text(form, 'highLabel'));
	}
	if (question.type === 'rating') edited.allowNotApplicable = form.get('allowNotApplicable') === 'on';
	if (question.type === 'text') edited.maxLength = Number(text(form, 'maxLength')) || MAX_TEXT_ANSWER;
	if (question.type === 'single' || question.type === 'multiple') {
		// Existing options keep their ids (answers refer to them); an emptied label removes one.
		const kept = question.options.flatMap((option) => {
			const label = withText(option.label, language, text(form, `option-${option.id}`));
			return label && label[language] ? [{ ...option, label }] : [];
		});
		const used = new Set(kept.map((option) => option.id));
		let next = question.options.length + 1;
		for (const value of form.getAll('newOption').map(String).map((v) => v.trim()).filter(Boolean)) {
			while (used.has(`option-${next}`)) next++;
			used.add(`option-${next}`);
			kept.push({ id: `option-${next}`, label: { [language]: value } });
		}
		edited.options = kept;
	}
	return compact(edited) as Question;
}

export function replaceQuestion(definition: SurveyDefinition, question: Question): SurveyDefinition {
	const found = findQuestion(definition, question.id);
	if (!found) throw new Error(`No question "${question.id}"`);
	return {
		...definition,
		pages: definition.pages.map((page, pageIndex) =>
			pageIndex === found.pageIndex ? { ...page, questions: page.questions.map((q) => (q.id === question.id ? question : q)) } : page
		)
	};
}

/** Survey-wide texts and languages from the settings form. */
export function editedSettings(definition: SurveyDefinition, form: FormData): SurveyDefinition | { error: string } {
	const language = definition.defaultLanguage;
	const listed = text(form, 'languages')
		.split(/[\s,]+/)
		.filter(Boolean);
	const languages = [language];
	for (const tag of listed) {
		const canonical = canonicalLanguage(tag);
		if (!canonical) return { error: `Unknown language "${tag}": use codes like de, nl, fi, ro or en` };
		if (!languages.includes(canonical)) languages.push(canonical);
	}
	// Translations into a language that is no longer offered would be unreachable: drop them.
	const pruned = JSON.parse(JSON.stringify(definition), (key, value) =>
		key !== '' && value && typeof value === 'object' && !Array.isArray(value) && isLocalizedText(value)
			? Object.fromEntries(Object.entries(value).filter(([tag]) => languages.includes(tag)))
			: value
	) as SurveyDefinition;
	const buttons = compact({
		next: withText(pruned.buttons?.next, language, text(form, 'buttonNext')),
		back: withText(pruned.buttons?.back, language, text(form, 'buttonBack')),
		submit: withText(pruned.buttons?.submit, language, text(form, 'buttonSubmit'))
	});
	const email = compact({
		subject: withText(pruned.email?.subject, language, text(form, 'emailSubject')),
		body: withText(pruned.email?.body, language, text(form, 'emailBody'))
	});
	return compact({
		...pruned,
		languages,
		email: Object.keys(email).length ? email : undefined,
		title: withText(pruned.title, language, text(form, 'title')) ?? {},
		intro: withText(pruned.intro, language, text(form, 'intro')),
		thankYou: withText(pruned.thankYou, language, text(form, 'thankYou')),
		buttons: Object.keys(buttons).length ? buttons : undefined
	});
}

function isLocalizedText(value: Record<string, unknown>): boolean {
	const entries = Object.entries(value);
	return entries.length > 0 && entries.every(([key, entry]) => typeof entry === 'string' && canonicalLanguage(key) === key);
}

/** Sets the translations submitted on the translation page (`t:<path>` fields) for one language. */
export function withTranslations(definition: SurveyDefinition, language: string, form: FormData): SurveyDefinition {
	const copy = structuredClone(definition) as unknown as Record<string, unknown>;
	for (const [name, value] of form) {
		if (!name.startsWith('t:') || typeof value !== 'string') continue;
		const path = name.slice(2).split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
		let parent: Record<string | number, unknown> = copy;
		for (const part of path.slice(0, -1)) parent = parent[part] as Record<string | number, unknown>;
		const last = path.at(-1)!;
		const current = parent[last] as LocalizedText | undefined;
		if (!current) continue;
		parent[last] = withText(current, language, value.trim()) ?? current;
	}
	return copy as unknown as SurveyDefinition;
}
