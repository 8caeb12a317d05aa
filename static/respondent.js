// Progressive enhancement for the respondent's page: live character counters. Everything works
// without it; it is plain JavaScript so the page ships no framework. The page gives the counter's
// wording for each plural category of its language (data-counter-one, data-counter-other, …).
for (const area of document.querySelectorAll('textarea[data-counter-other]')) {
	const counter = document.getElementById(area.getAttribute('aria-describedby'));
	const rules = new Intl.PluralRules(area.closest('[lang]')?.lang || 'en');
	const update = () => {
		const left = area.maxLength - area.value.length;
		const category = rules.select(left);
		const wording = area.getAttribute(`data-counter-${category}`) ?? area.dataset.counterOther;
		counter.textContent = wording.replace('{count}', String(left));
	};
	area.addEventListener('input', update);
	update();
}

// Display logic: a question whose condition uses an answer on the same page appears or hides as
// that answer changes (the server decides the same when the page is sent: src/lib/surveys/logic.ts,
// which writes each condition as the test in data-show-if). A hidden question's fieldset is
// disabled, so its inputs are neither required nor sent. Fieldsets are visited in page order, so a
// question hidden before counts as unanswered for the ones after it.
for (const form of document.querySelectorAll('form')) {
	const dependents = [...form.querySelectorAll('fieldset[data-show-if]')];
	if (!dependents.length) continue;
	const valuesOf = (field) =>
		[...form.elements]
			.filter((input) => input.name === field && !input.matches(':disabled'))
			.filter((input) => !['radio', 'checkbox'].includes(input.type) || input.checked)
			.map((input) => input.value.trim())
			.filter(Boolean);
	const passes = (test, values) =>
		(test.answered === undefined || values.length > 0 === test.answered) &&
		(!test.anyOf || values.some((value) => test.anyOf.includes(value))) &&
		(!test.noneOf || !values.some((value) => test.noneOf.includes(value)));
	const update = () => {
		for (const fieldset of dependents) {
			const test = JSON.parse(fieldset.dataset.showIf);
			const shown = passes(test, valuesOf(test.field));
			fieldset.hidden = !shown;
			fieldset.disabled = !shown;
		}
	};
	form.addEventListener('change', update);
	form.addEventListener('input', update);
	update();
}
