import { error, fail } from '@sveltejs/kit';
import { responseAnnotationSchema } from '$lib/schemas/response-annotation';
import { requireUser } from '$lib/server/auth/guards';
import { responseInScope, scopeOf } from '$lib/server/auth/scope';
import { mayPost } from '$lib/server/auth/visibility';
import { appDb } from '$lib/server/db/app-db';
import { parseForm } from '$lib/server/forms';
import { annotateResponse } from '$lib/server/responses/annotations';
import { responseView } from '$lib/server/responses/view';
import { pageId } from '$lib/server/route-params';
import * as m from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

// Every staff role reads it (follow-up cases and the inbox link here); managers and owners tag and note.
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = appDb();
	const id = pageId(event.params.id, m.responses_not_found());
	const response = (await responseInScope(db, id, await scopeOf(db, user)))
		? await responseView(db, id)
		: null;
	if (!response) error(404, m.responses_not_found());
	return {
		response,
		mayAnnotate: mayPost('/(staff)/responses/[id]', 'annotate', user.role)
	};
};

export const actions: Actions = {
	annotate: async (event) => {
		const user = requireUser(event);
		const id = pageId(event.params.id, m.responses_not_found());
		const db = appDb();
		if (!(await responseInScope(db, id, await scopeOf(db, user))))
			error(404, m.responses_not_found());
		const form = parseForm(responseAnnotationSchema, await event.request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		const saved = await annotateResponse(db, id, form.data, { userId: user.id });
		if (!saved.ok) error(saved.status, saved.message);
		return { success: saved.changed ? m.responses_annotation_saved() : m.common_nothing_changed() };
	}
};
