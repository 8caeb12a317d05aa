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
