import type { Role } from '../../roles';

/** Who may pass: anyone at all, or a signed-in staff member of at least this role. */
export type Audience = 'anyone' | Role;

export type RouteAccess = {
	/** Page loads and their `__data.json`, and GET/HEAD of an endpoint. */
	read: Audience;
	/** Each form action by name (`default` for the unnamed one); a name not listed is refused. */
	actions?: Record<string, Audience>;
	/**
	 * The page reads or changes the whole client base at once (imports, the outbox, reassigning
	 * accounts): refused to a user an owner limited to a segment (src/lib/server/auth/scope.ts).
	 */
	wholeBase?: true;
	/**
	 * Open to a user who must first set up the second factor the owner requires of them; every
	 * other staff route sends them to set it up (src/lib/server/auth/authorize.ts).
	 */
	duringEnrolment?: true;
};

/**
 * Who may read and change what, by SvelteKit route id: the one place access to pages, their data
 * and their form actions is decided (src/hooks.server.ts applies it before any load or action
 * runs). The JSON API's rows come from its endpoint descriptions (src/lib/server/auth/access.ts).
 * A route without a row here is refused; a unit test fails for it. docs/security.md explains it.
 *
 * Viewers get dashboards and reports (README's role table): no client base, surveys, factors or
 * campaigns. Object-level rules stay with the data (a viewer may act on a case assigned to them).
 */
export const routeAccess: Record<string, RouteAccess> = {
	'/': { read: 'anyone' },
	'/login': { read: 'anyone', actions: { default: 'anyone' } },
	// Single sign-on: off to the identity provider, and back (state, PKCE and nonce checked there).
	'/login/sso': { read: 'anyone' },
	'/login/sso/callback': { read: 'anyone' },
	// The second step of a password sign-in: the challenge cookie is the credential.
	'/login/two-factor': { read: 'anyone', actions: { default: 'anyone' } },
	'/logout': { read: 'anyone', actions: { default: 'anyone' } },
	// Creates the first owner; refuses itself once anyone exists.
	'/setup': { read: 'anyone', actions: { default: 'anyone' } },
	// Personal links: the token in the path is the credential, checked by the page.
	'/password/[token]': { read: 'anyone', actions: { default: 'anyone' } },
	'/s/[token]': { read: 'anyone', actions: { default: 'anyone' } },
	'/s/[token]/profile': { read: 'anyone', actions: { default: 'anyone' } },
	'/s/[token]/unsubscribe': { read: 'anyone', actions: { default: 'anyone' } },
	'/p/[id]': { read: 'anyone', actions: { default: 'anyone' } },
	// The company's logo and accent colour, which respondent pages and emails show to anyone.
	'/branding/logo': { read: 'anyone' },
	'/branding/accent.css': { read: 'anyone' },

	'/(staff)/dashboard': {
		read: 'viewer',
		actions: { settings: 'owner', oneClickPartials: 'owner', subscribe: 'viewer' }
	},
	'/(staff)/dashboard/factors/[key]': { read: 'viewer' },
	'/(staff)/dashboard/sentiment': { read: 'viewer' },
	'/(staff)/dashboard/factors.csv': { read: 'viewer' },
	// One row per response with the client's email.
	'/(staff)/dashboard/responses.csv': { read: 'manager' },
	// Every response, filtered; client names only for those who may open the client base (the page decides).
	'/(staff)/responses': { read: 'viewer' },
	// Viewers read a response's tags and note; managers and owners change them.
	'/(staff)/responses/[id]': { read: 'viewer', actions: { annotate: 'manager' } },
	// Whether a viewer may change a case is decided per case: its assignee may.
	'/(staff)/cases': { read: 'viewer' },
	'/(staff)/cases/[id]': {
		read: 'viewer',
		actions: { status: 'viewer', assign: 'viewer', due: 'viewer', comment: 'viewer' }
	},
	'/(staff)/reviews': { read: 'viewer' },
	'/(staff)/reviews/import': {
		read: 'manager',
		actions: { check: 'manager', import: 'manager' },
		wholeBase: true
	},
	'/(staff)/reviews/import/progress': { read: 'manager', wholeBase: true },

	'/(staff)/clients': { read: 'manager', actions: { bulk: 'manager', saveSegment: 'manager' } },
	'/(staff)/clients/new': { read: 'manager', actions: { default: 'manager' } },
	'/(staff)/clients/[id]': { read: 'manager', actions: { update: 'manager', erase: 'manager' } },
	'/(staff)/clients/[id]/export': { read: 'manager' },
	'/(staff)/clients/export.csv': { read: 'manager' },
	'/(staff)/clients/account-managers': {
		read: 'manager',
		actions: { reassign: 'manager' },
		wholeBase: true
	},
	'/(staff)/clients/fields': { read: 'manager', actions: { create: 'manager', delete: 'manager' } },
	// An import may update any client, in the scope or not.
	'/(staff)/clients/import': { read: 'manager', actions: { upload: 'manager' }, wholeBase: true },
	'/(staff)/clients/import/[id]': {
		read: 'manager',
		actions: { start: 'manager', discard: 'manager' },
		wholeBase: true
	},
	'/(staff)/clients/import/[id]/errors.csv': { read: 'manager', wholeBase: true },
	// Segments are what scopes are made of, with every segment's size.
	'/(staff)/clients/segments': { read: 'manager', actions: { delete: 'manager' }, wholeBase: true },
	'/(staff)/campaigns': {
		read: 'manager',
		actions: { create: 'manager', cancel: 'manager', retryFailed: 'owner' }
	},
	// Each recipient with their email: a scoped manager reaches only campaigns sent to their segment.
	'/(staff)/campaigns/[id]': { read: 'manager', actions: { retryFailed: 'owner' } },
	'/(staff)/campaigns/[id]/recipients.csv': { read: 'manager' },
	'/(staff)/factors': { read: 'manager', actions: { create: 'manager' } },
	// Topics tag every stored text: changing them re-scores the whole base in the background.
	'/(staff)/topics': {
		read: 'manager',
		actions: { create: 'manager', update: 'manager', delete: 'manager' }
	},
	'/(staff)/factors/[id]': {
		read: 'manager',
		actions: { version: 'manager', derive: 'manager', wording: 'manager' }
	},
	'/(staff)/surveys': {
		read: 'manager',
		actions: { create: 'manager', fromTemplate: 'manager', import: 'manager' }
	},
	'/(staff)/surveys/[id]': {
		read: 'manager',
		actions: {
			settings: 'manager',
			addQuestion: 'manager',
			editQuestion: 'manager',
			pageLogic: 'manager',
			moveUp: 'manager',
			moveDown: 'manager',
			duplicateQuestion: 'manager',
			deleteQuestion: 'manager',
			addPage: 'manager',
			renamePage: 'manager',
			deletePage: 'manager',
			status: 'manager',
			publicLink: 'manager',
			duplicate: 'manager'
		}
	},
	'/(staff)/surveys/[id]/export.json': { read: 'manager' },
	// The invitation email for a chosen client (of the user's scope), and a test of it to oneself.
	'/(staff)/surveys/[id]/email': { read: 'manager', actions: { sendTest: 'manager' } },
	'/(staff)/surveys/[id]/email/frame': { read: 'manager' },
	'/(staff)/surveys/[id]/qr': { read: 'manager' },
	'/(staff)/surveys/[id]/translations': { read: 'manager', actions: { default: 'manager' } },
	'/(staff)/surveys/[id]/responses/import': {
		read: 'manager',
		actions: { upload: 'manager' },
		wholeBase: true
	},
	'/(staff)/surveys/[id]/responses/import/template.csv': { read: 'manager', wholeBase: true },

	'/(staff)/settings': { read: 'viewer' },
	'/(staff)/settings/account/two-factor': {
		read: 'viewer',
		actions: { start: 'viewer', confirm: 'viewer', renewCodes: 'viewer', turnOff: 'viewer' },
		duringEnrolment: true
	},
	'/(staff)/settings/account': {
		read: 'viewer',
		actions: {
			changePassword: 'viewer',
			setLanguage: 'viewer',
			signOutEverywhere: 'viewer',
			cancelReport: 'viewer'
		}
	},
	// Every email to every client.
	'/(staff)/settings/outbox': { read: 'manager', actions: { retry: 'owner' }, wholeBase: true },
	'/(staff)/settings/users': {
		read: 'owner',
		actions: {
			invite: 'owner',
			resendInvite: 'owner',
			changeRole: 'owner',
			contactData: 'owner',
			scope: 'owner',
			resetTwoFactor: 'owner',
			twoFactorRequirement: 'owner',
			deactivate: 'owner',
			reactivate: 'owner'
		}
	},
	'/(staff)/settings/sign-in': { read: 'owner', actions: { save: 'owner' } },
	'/(staff)/settings/api-keys': { read: 'owner', actions: { create: 'owner', revoke: 'owner' } },
	'/(staff)/settings/followups': { read: 'owner', actions: { save: 'owner' } },
	'/(staff)/settings/privacy': { read: 'owner', actions: { save: 'owner' } },
	'/(staff)/settings/branding': { read: 'owner', actions: { save: 'owner', removeLogo: 'owner' } },
	'/(staff)/settings/webhooks': {
		read: 'owner',
		actions: {
			create: 'owner',
			rotate: 'owner',
			disable: 'owner',
			enable: 'owner',
			delete: 'owner'
		}
	},
	'/(staff)/settings/webhooks/[id]': { read: 'owner', actions: { resend: 'owner' } },
	'/(staff)/settings/audit': { read: 'owner' },
	'/(staff)/settings/audit/export.csv': { read: 'owner' },

	// Unknown API paths answer with the API's JSON 404.
	'/api/v1/[...rest]': { read: 'anyone' }
};
