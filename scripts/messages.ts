/**
 * Compiles the message library (messages/*.json) into JavaScript, twice:
 * - src/lib/paraglide, a module per message: what the app imports, so that a page's bundle holds
 *   only the messages it uses;
 * - node_modules/.cache/paraglide-tests, a module per language: what vitest loads instead
 *   (vite.config.ts). Every test file runs in a fresh process that loads the library again, and
 *   Node takes a second to load 2,000 modules, a quarter of one to load six.
 */
import { compile } from '@inlang/paraglide-js';
import { writeFileSync } from 'node:fs';
import { testMessagesDir } from './test-messages-dir.ts';

const project = './project.inlang';
const strategy = ['baseLocale'] as const;

await compile({
	project,
	outdir: './src/lib/paraglide',
	strategy: [...strategy],
	emitTsDeclarations: true
});
await compile({
	project,
	outdir: testMessagesDir,
	strategy: [...strategy],
	outputStructure: 'locale-modules'
});
// Node reads a .js file under node_modules as CommonJS unless a package.json there says otherwise.
writeFileSync(`${testMessagesDir}/package.json`, '{ "type": "module" }\n');
