import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { filterToSearchParams } from '$lib/schemas/client-filter';
import { dropSegmentCells, latestRebuild } from '$lib/server/analytics/rebuild';
import { deleteSegment, listSegments } from '$lib/server/clients/segments';
import { appDb } from '$lib/server/db/app-db';
import { parseForm } from '$lib/server/forms';
import { asFormFailure } from '$lib/server/refusals';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({
	segments: (await listSegments(appDb())).map((segment) => ({
		...segment,
		query: filterToSearchParams(segment.filter).toString()
	})),
	rebuild: await latestRebuild(appDb())
});

export const actions: Actions = {
	delete: async (event) => {
		const form = parseForm(
			z.object({ id: z.coerce.number().int() }),
			await event.request.formData()
		);
		if (!form.ok) return fail(404, { message: m.clients_segment_not_found() });
		const db = appDb();
		const deleted = await deleteSegment(db, form.data.id);
		if (!deleted.ok) return asFormFailure(deleted);
		await dropSegmentCells(db, form.data.id);
		return { success: m.clients_segment_deleted({ name: deleted.name }) };
	}
};
