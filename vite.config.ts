import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	// The bundler's timing report is noise in `npm run demo` and CI logs.
	build: { rolldownOptions: { checks: { pluginTimings: false } } },
	test: {
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
		// better-sqlite3 and argon2 are native addons: worker threads share them badly.
		pool: 'forks',
		// Each test process records responses through the same subscribers as the server.
		setupFiles: ['tests/unit-setup.ts'],
		environment: 'node'
	}
});
