import { settingsNav, staffNav } from '$lib/components/layout/staff-nav';
import { requireUser } from '$lib/server/auth/guards';
import { mayRead, offered } from '$lib/server/auth/visibility';
import type { LayoutServerLoad } from './$types';

// Access is decided in src/hooks.server.ts; this load redirects an ended session to sign-in, and
// offers the menus and links the user's role may follow (a link they may not becomes plain text).
export const load: LayoutServerLoad = (event) => {
	const user = requireUser(event);
	return {
		user,
		nav: offered(staffNav, user.role),
		settingsNav: offered(settingsNav, user.role),
		// By area: each key's page and those under it share their row's reader.
		mayOpen: {
			clients: mayRead('/(staff)/clients', user.role),
			surveys: mayRead('/(staff)/surveys', user.role),
			campaigns: mayRead('/(staff)/campaigns', user.role),
			responsesCsv: mayRead('/(staff)/dashboard/responses.csv', user.role),
			reviewImport: mayRead('/(staff)/reviews/import', user.role),
			followupRules: mayRead('/(staff)/settings/followups', user.role)
		}
	};
};
