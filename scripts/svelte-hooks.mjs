import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * Node module hooks that load `.svelte` files as server components (see
 * scripts/svelte-register.mjs). The compiler is loaded at the first component: scripts that send
 * no email do not pay for it.
 * @type {import('node:module').LoadHook}
 */
export async function load(url, context, nextLoad) {
	if (!url.startsWith('file:') || !new URL(url).pathname.endsWith('.svelte'))
		return nextLoad(url, context);
	const { compileServerComponent } = await import('./svelte-server-compile.mjs');
	const filename = fileURLToPath(url);
	const source = compileServerComponent(await readFile(filename, 'utf8'), filename);
	return { format: 'module', source, shortCircuit: true };
}
