import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unsafeSqliteBuild } from './native-build';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'satisfy-native-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const objectWrapOf = {
	'24.18':
		'class ObjectWrap {\n  ObjectWrap() { refs_ = 0; }\n  virtual ~ObjectWrap() { if (persistent().IsEmpty()) return; }\n};',
	'24.19':
		'class ObjectWrap {\n  void AddCleanupHook() {\n    AddEnvironmentCleanupHook(v8::Isolate::GetCurrent(), CleanupHook, this);\n  }\n};'
};

/** A better-sqlite3 folder compiled from source against headers like those of `version`; returns its path. */
function sourceBuild(version: keyof typeof objectWrapOf): string {
	const headers = join(dir, `node-${version}`);
	mkdirSync(join(headers, 'include', 'node'), { recursive: true });
	writeFileSync(join(headers, 'include', 'node', 'node_object_wrap.h'), objectWrapOf[version]);
	const packageDir = join(dir, `better-sqlite3-${version}`);
	mkdirSync(join(packageDir, 'build'), { recursive: true });
	writeFileSync(
		join(packageDir, 'build', 'config.gypi'),
		`{\n  "variables": {\n    "node_module_version": 137,\n    "nodedir": "${headers}",\n    "python": "/usr/bin/python3"\n  }\n}\n`
	);
	return packageDir;
}

describe('unsafeSqliteBuild', () => {
	it('flags a source build against headers whose ObjectWrap registers cleanup hooks, naming them and the fixes', () => {
		const reason = unsafeSqliteBuild(sourceBuild('24.19'));
		expect(reason).toContain(join(dir, 'node-24.19'));
		expect(reason).toContain('npm rebuild better-sqlite3');
		expect(reason).toContain('Node.js 22 or 20');
	});

	it('accepts a source build against older headers, a prebuilt binary, and headers that are gone', () => {
		expect(unsafeSqliteBuild(sourceBuild('24.18'))).toBeNull();
		const prebuilt = join(dir, 'prebuilt');
		mkdirSync(join(prebuilt, 'build', 'Release'), { recursive: true });
		expect(unsafeSqliteBuild(prebuilt)).toBeNull();
		const moved = sourceBuild('24.19');
		rmSync(join(dir, 'node-24.19'), { recursive: true });
		expect(unsafeSqliteBuild(moved)).toBeNull();
	});

	it('passes the binary this project runs its tests with', () => {
		expect(unsafeSqliteBuild()).toBeNull();
	});
});
