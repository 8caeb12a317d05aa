import { includeIgnoreFile } from '@eslint/compat';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import { fileURLToPath } from 'node:url';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const gitignore = fileURLToPath(new URL('./.gitignore', import.meta.url));

export default ts.config(
	includeIgnoreFile(gitignore),
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// TypeScript checks names itself (typescript-eslint's advice).
			'no-undef': 'off',
			// TypeScript's noFallthroughCasesInSwitch checks this and knows SvelteKit's error() and redirect() never return.
			'no-fallthrough': 'off',
			// Satisfy is served from the root of its origin (no kit.paths.base): links are plain paths.
			'svelte/no-navigation-without-resolve': 'off',
			// Flags every URLSearchParams in a component; ours are built, read and dropped inside one function, never kept as state.
			'svelte/prefer-svelte-reactivity': 'off',
			// `_name` marks a value left out on purpose (`const { secret: _secret, ...rest } = row`).
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }
			]
		}
	},
	// The layers (docs/architecture.md): pages and components reach data only through services…
	{
		files: ['src/routes/**', 'src/lib/components/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['drizzle-orm', 'drizzle-orm/*'],
							message:
								'Pages and components reach the database through a service in $lib/server, never through drizzle.'
						},
						{
							// Patterns follow .gitignore rules: a folder's pattern also matches its files (db/schema/clients).
							group: ['$lib/server/db/schema', '**/db/schema'],
							message:
								'Pages and components reach the database through a service in $lib/server, never through the schema.'
						}
					]
				}
			]
		}
	},
	// …and the pure modules (computation, schemas, survey logic) do no I/O.
	{
		files: [
			'src/lib/{analytics,csv,sentiment,surveys,schemas,reviews,followups,respondent,responses,webhooks}/**'
		],
		// A test may exercise a pure module through the service that uses it.
		ignores: ['**/*.test.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/server', '$lib/server/**', '**/server', '**/server/**'],
							message: 'Pure modules do no I/O: nothing from src/lib/server.'
						}
					]
				}
			]
		}
	},
	// Every end-to-end test checks its pages' console: it takes `test` from the fixture that does.
	{
		files: ['tests/e2e/**/*.spec.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [
						{
							name: '@playwright/test',
							importNames: ['test', 'expect'],
							message: "Take test and expect from './fixtures': it fails a test on console errors."
						}
					]
				}
			]
		}
	},
	// The data layer is asynchronous (issue #17): a call whose promise nobody awaits is a write that
	// may be lost or land outside its transaction, a failure nobody hears of.
	{
		files: ['src/**/*.ts'],
		languageOptions: { parserOptions: { projectService: true } },
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/await-thenable': 'error'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			// The CSP refuses inline styles (svelte.config.js): the server renders a style attribute or
			// a style: directive as one. A value computed in the browser is set through CSSOM instead.
			'svelte/no-inline-styles': 'error'
		}
	},
	// Emails are no pages: mail clients drop <style> and outside CSS, and no CSP applies to a
	// message, so their components style each element inline.
	{
		files: ['src/lib/server/mail/templates/**/*.svelte'],
		rules: { 'svelte/no-inline-styles': 'off' }
	}
);
