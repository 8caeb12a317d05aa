import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A person at the test provider: the claims its ID tokens carry about them. */
export type TestAccount = {
	sub: string;
	email: string;
	email_verified?: boolean;
	/** Microsoft Entra ID's "email domain owner verified", sent instead of `email_verified`. */
	xms_edov?: boolean;
	name: string;
	groups?: string[];
};

export type TestProviderOptions = {
	clientId: string;
	clientSecret: string;
	redirectUris: string[];
	accounts: TestAccount[];
	/** How far the provider's clock is ahead (positive) or behind (negative) the real time. */
	clockOffsetSeconds?: number;
};

export type TestProvider = { issuer: string; stop: () => Promise<void> };

const serverScript = fileURLToPath(new URL('./test-provider-server.ts', import.meta.url));

/**
 * Starts a real OpenID provider on 127.0.0.1 at a free port, in a process of its own (so its clock
 * may differ from the app's): code flow with PKCE required, one confidential client.
 */
export async function startTestProvider(options: TestProviderOptions): Promise<TestProvider> {
	// Its warnings (a development key store, an in-memory adapter) are kept for a failure's message.
	const child = fork(serverScript, [], {
		execArgv: ['--import', 'tsx'],
		stdio: ['ignore', 'ignore', 'pipe', 'ipc']
	});
	const log: string[] = [];
	child.stderr!.on('data', (chunk: Buffer) => log.push(chunk.toString()));
	const answer = await new Promise<{ issuer?: string; error?: string }>((resolve, reject) => {
		child.once('message', resolve);
		child.once('exit', (code) =>
			reject(new Error(`the test provider stopped (${code}): ${log.join('')}`))
		);
		child.send(options);
	});
	if (!answer.issuer) {
		child.kill();
		throw new Error(`the test provider did not start: ${answer.error}`);
	}
	return {
		issuer: answer.issuer,
		stop: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill();
			})
	};
}

/**
 * What a browser does at the provider: follows the authorization URL, picks `accountId` on the
 * provider's sign-in page, and returns the URL the provider sends it back to (the app's callback,
 * with `code` and `state`), without requesting it.
 */
export async function signInAtProvider(
	authorizationUrl: URL | string,
	accountId: string,
	redirectUri: string
): Promise<URL> {
	const cookies = new Map<string, string>();
	let url = new URL(authorizationUrl);
	let body: URLSearchParams | undefined;
	for (let step = 0; step < 10; step++) {
		const response = await fetch(url, {
			method: body ? 'POST' : 'GET',
			body,
			redirect: 'manual',
			headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') }
		});
		for (const cookie of response.headers.getSetCookie()) {
			const [pair = ''] = cookie.split(';');
			const [name = '', value = ''] = pair.split(/=(.*)/s);
			if (value) cookies.set(name, value);
			else cookies.delete(name);
		}
		const location = response.headers.get('location');
		body = undefined;
		if (location) {
			url = new URL(location, url);
			if (url.href.startsWith(redirectUri)) return url;
		} else if (response.status === 200 && url.pathname.startsWith('/interaction/')) {
			body = new URLSearchParams({ account: accountId });
		} else {
			throw new Error(`the provider answered ${response.status}: ${await response.text()}`);
		}
	}
	throw new Error('the provider kept redirecting');
}
