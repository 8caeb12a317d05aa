import * as client from 'openid-client';
import { isPermittedIssuer } from '../../schemas/sso';
import { refuse, type Result } from '../../result';
import * as m from '../../paraglide/messages';

/** What Satisfy is registered with at the identity provider (the owner's sign-in settings). */
export type ProviderRegistration = { issuer: string; clientId: string; clientSecret: string };

/** Seconds a request to the provider may take before the sign-in is refused as unreachable. */
const PROVIDER_TIMEOUT_S = 10;

// The provider's metadata and keys, fetched once per registration: each sign-in needs both.
let cached: { key: string; configuration: Promise<client.Configuration> } | undefined;

function discover({ issuer, clientId, clientSecret }: ProviderRegistration) {
	const loopbackHttp = new URL(issuer).protocol === 'http:';
	return client.discovery(
		new URL(issuer),
		clientId,
		undefined,
		client.ClientSecretBasic(clientSecret),
		// isPermittedIssuer allows plain HTTP for this machine only.
		{ timeout: PROVIDER_TIMEOUT_S, execute: loopbackHttp ? [client.allowInsecureRequests] : [] }
	);
}

/**
 * The openid-client configuration for the provider, discovered from its issuer (and kept for the
 * next sign-in), or a refusal when the issuer is not allowed or cannot be reached.
 */
export async function providerConfiguration(
	registration: ProviderRegistration
): Promise<Result<{ configuration: client.Configuration }>> {
	const unreachable = refuse(400, m.sso_provider_unreachable_refused());
	if (!isPermittedIssuer(registration.issuer)) return unreachable;
	const key = JSON.stringify(registration);
	if (cached?.key !== key) cached = { key, configuration: discover(registration) };
	const attempt = cached;
	try {
		return { ok: true, configuration: await attempt.configuration };
	} catch (error) {
		// The owner needs the reason (DNS, TLS, a wrong issuer); the person signing in does not.
		console.error(
			`Single sign-on: ${registration.issuer} could not be discovered: ${String(error)}`
		);
		// A provider that was down may be up at the next sign-in.
		if (cached === attempt) cached = undefined;
		return unreachable;
	}
}
