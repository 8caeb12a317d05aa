import {
	test as base,
	expect,
	type BrowserContext,
	type ConsoleMessage,
	type WebError
} from '@playwright/test';

/** What the browser says about a resource it was refused, e.g. a page a test expects to be 403. */
const refusedLoad = /^Failed to load resource: the server responded with a status of (\d{3})\b/;

/** A console error, page error or CSP violation seen in one of the test's pages. */
type Complaint = { text: string; url: string };

/** A refusal the test provokes on purpose: a path and the status it answers with. */
type ExpectedRefusal = { path: string; status: number };

/**
 * Every console error, uncaught page error and CSP violation in any page of any browser context a
 * test opens (Chromium logs each CSP violation as a console error, with JavaScript off too). The
 * test fails after it with their list, unless it declared them with `expectRefusal`.
 */
class ConsoleErrors {
	readonly #seen: Complaint[] = [];
	readonly #expected: ExpectedRefusal[] = [];
	readonly #contexts = new Set<BrowserContext>();

	/**
	 * Declares that this test makes the browser load `path` (pathname and query) and be refused with
	 * `status`: Chromium logs "Failed to load resource" for it, which is then expected — and must
	 * appear, so a declaration never outlives the refusal it was written for.
	 */
	expectRefusal(path: string, status: number) {
		this.#expected.push({ path, status });
	}

	watch = (context: BrowserContext) => {
		this.#contexts.add(context);
		context.on('console', this.#onConsole);
		context.on('weberror', this.#onPageError);
	};

	/** Contexts a test left open are no longer its business once it has ended. */
	stopWatching() {
		for (const context of this.#contexts) {
			context.off('console', this.#onConsole);
			context.off('weberror', this.#onPageError);
		}
	}

	#onConsole = (message: ConsoleMessage) => {
		// A violation of a report-only directive is a warning: still a violation.
		if (message.type() === 'error' || message.text().includes('Content Security Policy'))
			this.#seen.push({ text: message.text(), url: message.location().url });
	};

	#onPageError = (error: WebError) => {
		this.#seen.push({ text: `Uncaught ${error.error()}`, url: error.page()?.url() ?? '' });
	};

	unexpected(): string[] {
		return this.#seen
			.filter((complaint) => !this.#expected.some((refusal) => isRefusal(complaint, refusal)))
			.map(({ text, url }) => `${text} (${url})`);
	}

	missing(): string[] {
		return this.#expected
			.filter((refusal) => !this.#seen.some((complaint) => isRefusal(complaint, refusal)))
			.map(({ path, status }) => `${status} for ${path}`);
	}
}

function isRefusal(complaint: Complaint, refusal: ExpectedRefusal): boolean {
	const status = refusalStatus(complaint.text);
	if (status !== refusal.status || !URL.canParse(complaint.url)) return false;
	const url = new URL(complaint.url);
	return url.pathname + url.search === refusal.path;
}

function refusalStatus(text: string): number | undefined {
	const status = refusedLoad.exec(text)?.[1];
	return status === undefined ? undefined : Number(status);
}

/** Playwright's `test`, with every page's console checked (see ConsoleErrors). */
export const test = base.extend<{ consoleErrors: ConsoleErrors }>({
	consoleErrors: [
		async ({ browser }, use, testInfo) => {
			const consoleErrors = new ConsoleErrors();
			browser.on('context', consoleErrors.watch);
			await use(consoleErrors);
			browser.off('context', consoleErrors.watch);
			consoleErrors.stopWatching();
			expect(
				consoleErrors.unexpected(),
				'console errors, uncaught page errors and CSP violations'
			).toEqual([]);
			// A test that failed or skipped may have stopped before provoking what it declared.
			if (testInfo.status === 'passed')
				expect(consoleErrors.missing(), 'refusals declared but not seen').toEqual([]);
		},
		{ auto: true }
	]
});

export { expect };
