import { compile } from 'svelte/compiler';

/**
 * A Svelte component compiled for the server, as JavaScript: how the emails' components
 * (src/lib/server/mail/templates) run outside Vite, in scripts started with tsx and in the admin
 * CLI's bundle. Vite compiles them with the app's svelte.config.js; here no preprocessor runs,
 * which the components need not: Svelte strips TypeScript's type annotations itself, and they use
 * runes (`$props`), which puts them in runes mode as the app's config does.
 * @param {string} source
 * @param {string} filename
 */
export function compileServerComponent(source, filename) {
	return compile(source, { generate: 'server', filename }).js.code;
}
