import { error, redirect } from '@sveltejs/kit';
import { hasRole, type Role } from '../../roles';
import type { SessionUser } from './session';

type Guarded = { locals: App.Locals; url: URL };

/** The signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
export function requireUser({ locals, url }: Guarded): SessionUser {
	if (!locals.user) {
		const back = url.pathname + url.search;
		redirect(303, `/login?redirectTo=${encodeURIComponent(back)}`);
	}
	return locals.user;
}

/** For every load and form action that needs more than a signed-in viewer: 403 otherwise. */
export function requireRole(event: Guarded, role: Role): SessionUser {
	const user = requireUser(event);
	if (!hasRole(user.role, role)) {
		error(403, `This needs the ${role} role; you are signed in as a ${user.role}.`);
	}
	return user;
}
