import { build, type Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compileServerComponent } from '../../scripts/svelte-server-compile.mjs';

/**
 * The admin CLI as one JavaScript file, bundled once per run (Playwright's global setup). The
 * tests run the CLI some hundred times; node starts the bundle in a third of the time, and a
 * quarter of the processor time, that tsx takes to compile scripts/admin.ts at every start.
 * Inside the project, so the packages it leaves out resolve from its node_modules.
 */
export const adminBundle = fileURLToPath(
	new URL('../../test-results/e2e/admin.mjs', import.meta.url)
);

/** The emails' Svelte components, compiled for the server as scripts/svelte-hooks.mjs does for tsx. */
const svelteComponents: Plugin = {
	name: 'svelte-server-components',
	setup(build) {
		build.onLoad({ filter: /\.svelte$/ }, async ({ path }) => ({
			contents: compileServerComponent(await readFile(path, 'utf8'), path),
			loader: 'js'
		}));
	}
};

export default async function bundleAdmin() {
	await build({
		entryPoints: [fileURLToPath(new URL('../../scripts/admin.ts', import.meta.url))],
		outfile: adminBundle,
		bundle: true,
		platform: 'node',
		format: 'esm',
		packages: 'external',
		plugins: [svelteComponents],
		logLevel: 'warning'
	});
}
