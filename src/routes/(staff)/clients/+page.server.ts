import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { confirmedCountSchema, needsConfirmation } from '$lib/clients/bulk-confirmation';
import { lineText } from '$lib/schemas/text';
import {
	clientSelectionSchema,
	filterFromSearchParams,
	filterToSearchParams
} from '$lib/schemas/client-filter';
import { erasureConfirmationSchema, tagNameSchema } from '$lib/schemas/clients';
import { requireUser } from '$lib/server/auth/guards';
import { scopeOf, withinScope } from '$lib/server/auth/scope';
import { listAttributeDefinitions } from '$lib/server/clients/attributes';
import { factorChoices } from '$lib/server/clients/latest-answers';
import { listParams, PAGE_SIZE } from '$lib/server/clients/list-params';
import {
	clientIdsMatching,
	listClients,
	listTags,
	accountManagerLoad,
	staffName,
	unknownClientIds,
	usedLanguages
} from '$lib/server/clients/queries';
import { startRebuild } from '$lib/server/analytics/rebuild';
import { listSegments, saveSegmentAs } from '$lib/server/clients/segments';
import { assignAccountManager, tagClients, untagClients } from '$lib/server/clients/service';
import { eraseClients } from '$lib/server/privacy/erasure';
import { answersOnErasureText, erasureKeepsAnswers } from '$lib/server/privacy/settings';
import type { Db } from '$lib/server/db';
import { appDb } from '$lib/server/db/app-db';
import { askToConfirm, parseForm } from '$lib/server/forms';
import { asFormFailure } from '$lib/server/refusals';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const db = appDb();
	const { filter, filterError, sort, page } = listParams(event.url);
	const limit = await scopeOf(db, requireUser(event));
	const { items, total } = await listClients(db, withinScope(filter, limit), {
		sort,
		limit: PAGE_SIZE,
		offset: (page - 1) * PAGE_SIZE
	});
	return {
		items,
		total,
		page,
		pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		sort,
		filter,
		filterError,
		filterQuery: filterToSearchParams(filter).toString(),
		scope: limit?.name ?? null,
		answersOnErasure: answersOnErasureText(await erasureKeepsAnswers(db)),
		tags: await listTags(db),
		languages: await usedLanguages(db),
		staff: (await accountManagerLoad(db)).filter((user) => !user.deactivatedAt),
		attributes: await listAttributeDefinitions(db),
		factors: await factorChoices(db),
		segments: (await listSegments(db)).map((segment) => ({
			...segment,
			query: filterToSearchParams(segment.filter).toString()
		}))
	};
};

const bulkSchema = z.intersection(
	z.discriminatedUnion('action', [
		z.object({ action: z.literal('tag'), tag: tagNameSchema }),
		z.object({ action: z.literal('untag'), tag: tagNameSchema }),
		z.object({
			action: z.literal('assign'),
			accountManager: z.string().min(1, { error: () => m.clients_bulk_choose_manager() })
		}),
		z.object({ action: z.literal('delete') }).extend(erasureConfirmationSchema.shape)
	]),
	clientSelectionSchema.and(confirmedCountSchema)
);

const segmentSchema = z.object({
	name: lineText()
		.trim()
		.min(1, { error: () => m.clients_segment_name_required() })
		.max(100),
	filter: z.string().max(4000)
});

function unknownClientsMessage(unknown: number[]): string {
	const ids = unknown.slice(0, 10).join(', ');
	return unknown.length > 10
		? m.clients_bulk_unknown_ids_more({ ids, more: unknown.length - 10 })
		: m.clients_bulk_unknown_ids({ ids });
}

type BulkAction = z.output<typeof bulkSchema>;

/** What a bulk action does to each client, for the question asked before it reaches many. */
async function changeText(db: Db, action: BulkAction): Promise<string> {
	switch (action.action) {
		case 'tag':
			return m.clients_confirm_change_tag({ tag: action.tag });
		case 'untag':
			return m.clients_confirm_change_untag({ tag: action.tag });
		case 'assign':
			return action.accountManager === 'none'
				? m.clients_confirm_change_unassign()
				: m.clients_confirm_change_assign({ name: await staffName(db, action.accountManager) });
		case 'delete':
			return m.clients_confirm_change_erase();
	}
}

export const actions: Actions = {
	bulk: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const parsed = parseForm(bulkSchema, form, { lists: ['ids'] });
		if (!parsed.ok) return fail(400, { message: Object.values(parsed.errors).join(' ') });

		const db = appDb();
		const reach = withinScope({}, await scopeOf(db, user));
		const ids =
			parsed.data.scope === 'all'
				? await clientIdsMatching(db, { ...parsed.data.filter, ...reach })
				: parsed.data.ids;
		if (!ids.length) return fail(400, { message: m.clients_bulk_select_one() });
		// All or nothing: one stale, made-up or out-of-scope id refuses the whole selection before anything is written.
		const unknown = await unknownClientIds(db, ids, reach);
		if (unknown.length) return fail(400, { message: unknownClientsMessage(unknown) });

		const action = parsed.data;
		const count = ids.length;
		if (needsConfirmation(count, action.confirmedCount))
			return askToConfirm(count, form, {
				question: m.clients_confirm_question({ count, change: await changeText(db, action) }),
				yes: m.clients_confirm_yes({ count })
			});
		const actor = { userId: user.id };
		switch (action.action) {
			case 'tag':
				await tagClients(db, ids, action.tag, actor);
				return { success: m.clients_bulk_tagged({ count, tag: action.tag }) };
			case 'untag':
				await untagClients(db, ids, action.tag, actor);
				return { success: m.clients_bulk_untagged({ count, tag: action.tag }) };
			case 'assign': {
				const managerId = action.accountManager === 'none' ? null : action.accountManager;
				const assigned = await assignAccountManager(db, ids, managerId, actor);
				if (!assigned.ok) return asFormFailure(assigned);
				return { success: m.clients_bulk_assigned({ count }) };
			}
			case 'delete':
				return {
					success: m.clients_bulk_erased({ count: await eraseClients(db, ids, actor) })
				};
		}
	},
	saveSegment: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(segmentSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { message: Object.values(parsed.errors).join(' ') });
		const filter = filterFromSearchParams(new URLSearchParams(parsed.data.filter));
		if (!filter.success) return fail(400, { message: m.clients_filter_invalid_apply() });
		const db = appDb();
		const saved = await saveSegmentAs(
			db,
			{ name: parsed.data.name, filter: filter.data, userId: user.id },
			user.role
		);
		if (!saved.ok) return asFormFailure(saved);
		const name = parsed.data.name;
		await startRebuild(
			db,
			{ kind: 'segment', segmentId: saved.id },
			{ code: saved.replaced ? 'segmentChanged' : 'segmentCreated', params: { name } }
		);
		const done = saved.replaced
			? m.clients_segment_updated({ name })
			: m.clients_segment_saved({ name });
		return { success: `${done} ${m.clients_segment_recount()}` };
	}
};
