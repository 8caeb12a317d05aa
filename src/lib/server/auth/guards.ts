import { redirect } from '@sveltejs/kit';
import type { SessionUser } from './session';

type Guarded = { locals: App.Locals; url: URL };

/**
 * The signed-in user, for loads and actions that act in their name. Whether they may is decided
 * before, in src/hooks.server.ts from the access table; the redirect here is the staff layout's
 * comfort for a session that ended while a page was open.
 */
export function requireUser({ locals, url }: Guarded): SessionUser {
	if (!locals.user) {
		const back = url.pathname + url.search;
		redirect(303, `/login?redirectTo=${encodeURIComponent(back)}`);
	}
	return locals.user;
}
