import { existsSync, statSync, readdirSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { Plugin } from 'vite';
import { testMessagesDir } from '../scripts/test-messages-dir.ts';

const appMessages = resolve('src/lib/paraglide') + sep;
const testMessages = resolve(testMessagesDir) + sep;

/** The newest change to the message library, so a stale compilation is caught before any test. */
function newestSource(): number {
	return Math.max(
		...readdirSync('messages').map((file) => statSync(`messages/${file}`).mtimeMs),
		statSync('project.inlang/settings.json').mtimeMs
	);
}

/**
 * Points every import of the compiled message library (src/lib/paraglide, a module per message)
 * at its compilation for tests (a module per language, scripts/messages.ts), the same functions
 * and runtime, which a test process loads in a quarter of the time. Under node_modules, vitest
 * leaves it to Node, once per process.
 */
export function messagesForTests(): Plugin {
	return {
		name: 'satisfy:messages-for-tests',
		enforce: 'pre',
		buildStart() {
			const compiled = `${testMessages}messages.js`;
			if (!existsSync(compiled) || statSync(compiled).mtimeMs < newestSource())
				this.error('The message library changed since it was compiled: run `npm run messages`.');
		},
		async resolveId(source, importer, options) {
			if (!source.includes('paraglide') || importer?.startsWith(testMessages)) return null;
			const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
			if (!resolved?.id.startsWith(appMessages)) return resolved;
			return testMessages + resolved.id.slice(appMessages.length);
		}
	};
}
