import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const installedPackage = () =>
	dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));

/**
 * Why the installed better-sqlite3 binary would crash the server, or null when it is fine.
 *
 * Since Node.js 24.19 the `node::ObjectWrap` in Node's headers registers an environment cleanup
 * hook per object and removes it in its destructor, which aborts the process ("Assertion failed:
 * (env) != nullptr") when the garbage collector frees an object outside a JavaScript context.
 * better-sqlite3 12 wraps every statement in an ObjectWrap: compiled from source against such
 * headers it aborts within seconds of steady writing (reproduced with 12.11.1 on Node 24.21, and
 * not with the same source compiled against 24.18's headers). Its prebuilt binaries were compiled
 * before 24.19, and a source build leaves `build/config.gypi` naming the headers it used.
 */
export function unsafeSqliteBuild(packageDir = installedPackage()): string | null {
	const config = join(packageDir, 'build', 'config.gypi');
	// No config.gypi: the prebuilt binary, downloaded by `npm ci`.
	if (!existsSync(config)) return null;
	const nodedir = /"nodedir":\s*"([^"]+)"/.exec(readFileSync(config, 'utf8'))?.[1];
	const header = nodedir && join(nodedir, 'include', 'node', 'node_object_wrap.h');
	if (
		!header ||
		!existsSync(header) ||
		!readFileSync(header, 'utf8').includes('AddEnvironmentCleanupHook')
	)
		return null;
	return (
		`better-sqlite3 was compiled from source against the Node.js headers in ${nodedir}, whose node::ObjectWrap ` +
		'(Node.js 24.19 and later) makes it abort the server under load. Reinstall it with its prebuilt binary ' +
		'(`rm -rf node_modules/better-sqlite3/build && npm rebuild better-sqlite3`, where github.com is reachable), ' +
		'compile it against Node.js 24.18 headers (in node_modules/better-sqlite3: `npx node-gyp rebuild --release --nodedir=<node-v24.18 folder>`), ' +
		'or run Satisfy on Node.js 22 or 20.'
	);
}
