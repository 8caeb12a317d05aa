import { fail } from '@sveltejs/kit';
import { recordId } from '$lib/schemas/ids';
import { topicFormSchema } from '$lib/schemas/topics';
import { appDb } from '$lib/server/db/app-db';
import { formValues, parseForm } from '$lib/server/forms';
import { asFormFailure } from '$lib/server/refusals';
import { createTopic, deleteTopic, listTopics, updateTopic } from '$lib/server/sentiment/topics';
import { latestJob } from '$lib/server/worker/jobs';
import * as m from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const db = appDb();
	return { topics: await listTopics(db), retag: await latestJob(db, 'sentiment') };
};

const topicIdSchema = recordId(() => m.topics_not_found());

export const actions: Actions = {
	create: async ({ request }) => {
		const form = await request.formData();
		const parsed = parseForm(topicFormSchema, form);
		if (!parsed.ok) return fail(400, { action: 'create', ...parsed });
		const created = await createTopic(appDb(), parsed.data);
		if (!created.ok) return asFormFailure(created, { action: 'create', values: formValues(form) });
		return { action: 'create', success: m.topics_added({ name: parsed.data.name }) };
	},
	update: async ({ request }) => {
		const form = await request.formData();
		const id = topicIdSchema.safeParse(form.get('id'));
		if (!id.success) return fail(400, { message: id.error.issues[0]!.message });
		const action = `update-${id.data}`;
		const parsed = parseForm(topicFormSchema, form);
		if (!parsed.ok) return fail(400, { action, ...parsed });
		const updated = await updateTopic(appDb(), id.data, parsed.data);
		if (!updated.ok) return asFormFailure(updated, { action, values: formValues(form) });
		return { action, success: m.topics_saved({ name: parsed.data.name }) };
	},
	delete: async ({ request }) => {
		const id = topicIdSchema.safeParse((await request.formData()).get('id'));
		if (!id.success) return fail(400, { message: id.error.issues[0]!.message });
		const deleted = await deleteTopic(appDb(), id.data);
		if (!deleted.ok) return asFormFailure(deleted);
		return { success: m.topics_deleted() };
	}
};
