import { error, type RequestEvent } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { requireUser } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db/app-db';
import { publicUrl } from '$lib/server/links';
import { pageId } from '$lib/server/route-params';
import { getSurvey } from '$lib/server/surveys/service';

/** The survey, the signed-in user and what a preview of theirs needs besides a choice: for the page, its action and its frame. */
export async function previewContext(event: RequestEvent<{ id: string }>) {
	const db = appDb();
	const survey = await getSurvey(db, pageId(event.params.id, m.surveys_not_found()));
	if (!survey) error(404, m.surveys_not_found());
	return {
		db,
		survey,
		request: {
			survey,
			viewer: requireUser(event),
			// Links point where real invitations' do, so the logo shows as clients see it.
			origin: publicUrl('/', event.url)
		}
	};
}
