// Progressive enhancement for the respondent's page: live character counters. Everything works
// without it; it is plain JavaScript so the page ships no framework.
for (const area of document.querySelectorAll('textarea[data-counter]')) {
	const counter = document.getElementById(area.getAttribute('aria-describedby'));
	const update = () => {
		counter.textContent = area.dataset.counter.replace('{count}', String(area.maxLength - area.value.length));
	};
	area.addEventListener('input', update);
	update();
}
