import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * SvelteKit's route announcer, as its generated root component writes it: hidden by an inline
 * style, which our CSP refuses (sveltejs/kit#11993), logging an error on every page. It gets our
 * own visually-hidden class instead. Should SvelteKit change the markup, the build stops here, so
 * this is looked at again rather than silently left behind.
 */
const announcerWithoutInlineStyle = {
	name: 'announcer-without-inline-style',
	/** @param {{ content: string, filename?: string }} file */
	markup({ content, filename }) {
		if (!filename?.endsWith('.svelte-kit/generated/root.svelte')) return;
		const styled = /(<div id="svelte-announcer"[^>]*?) style="[^"]*"/;
		if (!styled.test(content))
			throw new Error(`SvelteKit's announcer is no longer hidden by an inline style: ${filename}`);
		return { code: content.replace(styled, '$1 class="visually-hidden"') };
	}
};

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: [vitePreprocess(), announcerWithoutInlineStyle],
	compilerOptions: {
		runes: true
	},
	kit: {
		adapter: adapter(),
		// Our own origin check in hooks.server.ts replaces SvelteKit's, to exempt the respondent's
		// page (see src/lib/server/csrf.ts).
		csrf: { trustedOrigins: ['*'] },
		// No 'unsafe-inline' for styles: no style attributes anywhere, SvelteKit's own included (see
		// announcerWithoutInlineStyle). A value computed in the browser is set through CSSOM.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'base-uri': ['self'],
				'object-src': ['none'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
