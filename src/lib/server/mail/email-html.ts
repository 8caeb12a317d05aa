import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { escapeHtml } from '../../html-escape';

// Svelte marks blocks with comments for hydration (`<!--[-->`, `<!--[-1-->`, `<!--]-->`,
// `<!---->`); an email is never hydrated.
const hydrationMarkers = /<!--(?:\[[!?]?-?\d*|\]|)-->/g;

/** An email's HTML part: the component (one of ./templates) rendered as a whole document in `lang`. */
export function emailHtml<Props extends Record<string, unknown>>(
	component: Component<Props>,
	props: Props,
	lang: string
): string {
	// `props` is checked against the component by this function's signature; render's own typing
	// (a conditional on the props) cannot be resolved for a generic component.
	const { body } = render(component as Component<Record<string, unknown>>, { props });
	return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="margin:0;padding:0;background-color:#f4f5f7">
${body.replace(hydrationMarkers, '').trim()}
</body>
</html>`;
}
