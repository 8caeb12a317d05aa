import { requireUser } from '$lib/server/auth/guards';
import type { LayoutServerLoad } from './$types';

// The one guard for the staff area; each form action checks its own role as well.
export const load: LayoutServerLoad = (event) => ({ user: requireUser(event) });
