import { z } from 'zod';
import { lineText } from './text';
import { roles } from '../roles';
import * as m from '../paraglide/messages';

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether Satisfy may talk to an issuer at `url`: over HTTPS, or plain HTTP to this machine only
 * (a provider for development or tests), since tokens and the client secret cross that link.
 */
export function isPermittedIssuer(url: string): boolean {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return false;
	}
	if (parsed.search || parsed.hash) return false;
	return (
		parsed.protocol === 'https:' ||
		(parsed.protocol === 'http:' && loopbackHosts.has(parsed.hostname))
	);
}

/** A ticked checkbox sends "on"; an unticked one sends nothing. */
const checkbox = lineText()
	.optional()
	.transform((value) => value === 'on');

/** An optional one-line setting: empty means none. */
const optionalText = (max: number) =>
	lineText()
		.trim()
		.max(max, { error: () => m.validation_max_characters({ max }) })
		.optional()
		.transform((value) => value || null);

/** What an account is made with at a first sign-in: a role, or none (unknown people are refused). */
export const newUserChoices = ['none', ...roles] as const;

/**
 * The owner's sign-in settings form. The client secret is write-only: empty keeps the saved one.
 * What depends on the database (a saved secret, the break-glass owner) the service checks.
 */
export const signInSettingsFormSchema = z
	.object({
		ssoEnabled: checkbox,
		ssoLabel: optionalText(60),
		ssoIssuer: optionalText(500).refine((url) => url === null || isPermittedIssuer(url), {
			error: () => m.sso_schema_issuer_invalid()
		}),
		ssoClientId: optionalText(500),
		ssoClientSecret: optionalText(500),
		ssoNewUsers: z.enum(newUserChoices, { error: () => m.sso_schema_new_users_invalid() }),
		ssoGroupsClaim: optionalText(100),
		ssoOwnerGroup: optionalText(200),
		ssoManagerGroup: optionalText(200),
		ssoViewerGroup: optionalText(200),
		passwordSignIn: z.enum(['on', 'off'], { error: () => m.sso_schema_password_choice() }),
		breakGlassUserId: optionalText(100)
	})
	.superRefine((form, ctx) => {
		const missing = (path: string, message: string) =>
			ctx.addIssue({ code: 'custom', path: [path], message });
		if (form.ssoEnabled) {
			if (!form.ssoLabel) missing('ssoLabel', m.sso_schema_label_required());
			if (!form.ssoIssuer) missing('ssoIssuer', m.sso_schema_issuer_required());
			if (!form.ssoClientId) missing('ssoClientId', m.sso_schema_client_id_required());
		}
		if (form.ssoGroupsClaim && !form.ssoOwnerGroup && !form.ssoManagerGroup && !form.ssoViewerGroup)
			missing('ssoGroupsClaim', m.sso_schema_groups_claim_needs_group());
		if (form.passwordSignIn === 'off') {
			if (!form.ssoEnabled) missing('passwordSignIn', m.sso_schema_password_off_needs_sso());
			if (!form.breakGlassUserId) missing('breakGlassUserId', m.sso_schema_break_glass_required());
		}
	});

export type SignInSettingsForm = z.output<typeof signInSettingsFormSchema>;
