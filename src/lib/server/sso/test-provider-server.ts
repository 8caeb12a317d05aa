/**
 * A real OpenID provider (`oidc-provider`) for the tests, run by test-provider.ts in a process of its
 * own: its clock can then run ahead or behind without moving the app's, as a provider's clock may.
 * It waits for its options on the IPC channel and answers with its issuer URL.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';
import type { TestProviderOptions } from './test-provider';

function shiftClock(seconds: number) {
	const realNow = Date.now;
	Date.now = () => realNow() + seconds * 1000;
}

async function formBody(request: IncomingMessage): Promise<URLSearchParams> {
	let body = '';
	for await (const chunk of request) body += chunk;
	return new URLSearchParams(body);
}

const escapeHtml = (text: string) =>
	text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

async function start(options: TestProviderOptions) {
	shiftClock(options.clockOffsetSeconds ?? 0);
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const accounts = new Map(options.accounts.map((account) => [account.sub, account]));

	const configuration: Configuration = {
		clients: [
			{
				client_id: options.clientId,
				client_secret: options.clientSecret,
				redirect_uris: options.redirectUris,
				token_endpoint_auth_method: 'client_secret_basic'
			}
		],
		pkce: { required: () => true },
		claims: {
			openid: ['sub'],
			email: ['email', 'email_verified', 'xms_edov'],
			profile: ['name', 'groups']
		},
		// Like Entra ID, Google and Keycloak: the scopes' claims in the ID token itself.
		conformIdTokenClaims: false,
		findAccount: (_ctx, sub) => {
			const account = accounts.get(sub);
			return account && { accountId: sub, claims: () => account };
		},
		interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
		// A company's own app: signed-in users are not asked to consent.
		loadExistingGrant: async (ctx) => {
			const grantId =
				ctx.oidc.result?.consent?.grantId ??
				ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
			if (grantId) return ctx.oidc.provider.Grant.find(grantId);
			const grant = new ctx.oidc.provider.Grant({
				clientId: ctx.oidc.client!.clientId,
				accountId: ctx.oidc.session!.accountId
			});
			grant.addOIDCScope('openid email profile');
			await grant.save();
			return grant;
		},
		features: { devInteractions: { enabled: false } },
		// An hour, like most providers' ID tokens; set so the provider does not warn of defaults.
		ttl: { AccessToken: 3600, IdToken: 3600, Grant: 3600, Session: 3600, Interaction: 600 },
		cookies: { keys: ['test provider cookie key'] }
	};
	const provider = new Provider(issuer, configuration);
	const callback = provider.callback();

	// The provider's sign-in page: one button per account, so a browser or a test picks who signs in.
	async function interaction(request: IncomingMessage, response: ServerResponse) {
		const details = await provider.interactionDetails(request, response);
		if (request.method === 'POST') {
			const accountId = (await formBody(request)).get('account') ?? '';
			await provider.interactionFinished(
				request,
				response,
				{ login: { accountId } },
				{ mergeWithLastSubmission: false }
			);
			return;
		}
		const buttons = options.accounts
			.map(
				({ sub, name }) =>
					`<button name="account" value="${escapeHtml(sub)}">${escapeHtml(name)}</button>`
			)
			.join('');
		response.setHeader('content-type', 'text/html; charset=utf-8');
		response.end(
			// No icon: a browser asking for /favicon.ico would log the provider's 404.
			`<!doctype html><html lang="en"><title>Test provider</title><link rel="icon" href="data:,">` +
				`<main><h1>Test provider</h1>` +
				`<form method="post" action="/interaction/${details.uid}">${buttons}</form></main></html>`
		);
	}

	server.on('request', (request, response) => {
		if (request.url?.startsWith('/interaction/'))
			interaction(request, response).catch((error: unknown) => {
				response.statusCode = 400;
				response.end(String(error));
			});
		// Koa answers the provider's own errors itself.
		else void callback(request, response);
	});
	return issuer;
}

process.once('message', (options: TestProviderOptions) => {
	start(options).then(
		(issuer) => process.send!({ issuer }),
		(error: unknown) => process.send!({ error: String(error) })
	);
});
