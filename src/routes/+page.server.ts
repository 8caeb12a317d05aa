import { redirect } from '@sveltejs/kit';
import { appDb } from '$lib/server/db/app-db';
import { hasAnyUser } from '$lib/server/users/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user) redirect(303, '/dashboard');
	redirect(303, (await hasAnyUser(appDb())) ? '/login' : '/setup');
};
