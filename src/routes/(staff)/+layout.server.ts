import { settingsNav, staffNav, type NavItem } from '$lib/components/layout/staff-nav';
import { requireUser } from '$lib/server/auth/guards';
import { scopeOf } from '$lib/server/auth/scope';
import { appDb } from '$lib/server/db/app-db';
import type { RouteId } from '$app/types';
import { isScoped } from '$lib/server/auth/access';
import { mayRead, offered } from '$lib/server/auth/visibility';
import type { LayoutServerLoad } from './$types';

/** The entries as shown: their labels worded now, in the language of this request. */
const shown = (items: NavItem[]) => items.map(({ href, label }) => ({ href, label }));

// Access is decided in src/hooks.server.ts; this load redirects an ended session to sign-in, and
// offers the menus and links the user's role may follow (a link they may not becomes plain text).
export const load: LayoutServerLoad = async (event) => {
	const user = requireUser(event);
	const scoped = isScoped(user);
	const opens = (routeId: RouteId) => mayRead(routeId, user.role, scoped);
	return {
		user,
		// Said on every page, so a scoped user never takes their figures for the whole company's.
		scope: (await scopeOf(appDb(), user))?.name ?? null,
		nav: shown(offered(staffNav, user.role, scoped)),
		settingsNav: shown(offered(settingsNav, user.role, scoped)),
		// By area: each key's page and those under it share their row's reader.
		mayOpen: {
			clients: opens('/(staff)/clients'),
			clientImport: opens('/(staff)/clients/import'),
			segments: opens('/(staff)/clients/segments'),
			accountManagers: opens('/(staff)/clients/account-managers'),
			surveys: opens('/(staff)/surveys'),
			topics: opens('/(staff)/topics'),
			responseImport: opens('/(staff)/surveys/[id]/responses/import'),
			campaigns: opens('/(staff)/campaigns'),
			responsesCsv: opens('/(staff)/dashboard/responses.csv'),
			reviewImport: opens('/(staff)/reviews/import'),
			followupRules: opens('/(staff)/settings/followups')
		}
	};
};
