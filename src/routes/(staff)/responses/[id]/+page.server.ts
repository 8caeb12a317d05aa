import { error } from '@sveltejs/kit';
import { appDb } from '$lib/server/db/app-db';
import { responseView } from '$lib/server/responses/view';
import { pageId } from '$lib/server/route-params';
import type { PageServerLoad } from './$types';

// Read-only, for every staff role: follow-up cases link here.
export const load: PageServerLoad = ({ params }) => {
	const response = responseView(appDb(), pageId(params.id, 'No such response.'));
	if (!response) error(404, 'No such response.');
	return { response };
};
