import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { recordId } from '$lib/schemas/ids';
import { lineText } from '$lib/schemas/text';
import { requireUser } from '$lib/server/auth/guards';
import { scopeOf } from '$lib/server/auth/scope';
import { mayPost } from '$lib/server/auth/visibility';
import { formValues, parseForm } from '$lib/server/forms';
import { asFormFailure } from '$lib/server/refusals';
import {
	audienceSize,
	cancelCampaign,
	createCampaign,
	listCampaigns
} from '$lib/server/campaigns/service';
import { listSegments } from '$lib/server/clients/segments';
import { appConfig } from '$lib/server/config';
import { appDb } from '$lib/server/db/app-db';
import { reachableCampaign } from '$lib/server/campaigns/recipients';
import { retryFailedAction } from '$lib/server/campaigns/retry-failed';
import { listSurveys } from '$lib/server/surveys/service';
import * as m from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const db = appDb();
	const user = requireUser(event);
	const limit = await scopeOf(db, user);
	const segmentAudiences = [];
	for (const segment of await listSegments(db))
		if (!limit || segment.id === limit.segmentId)
			segmentAudiences.push({
				id: String(segment.id),
				name: segment.name,
				clients: await audienceSize(db, segment.id)
			});
	return {
		mayRetryFailed: mayPost('/(staff)/campaigns', 'retryFailed', user.role),
		campaigns: await listCampaigns(db, limit),
		surveys: (await listSurveys(db))
			.filter((survey) => survey.status === 'open')
			.map(({ id, name }) => ({ id, name })),
		// A scoped manager surveys their segment only (src/lib/server/auth/scope.ts).
		audiences: limit
			? segmentAudiences
			: [
					{
						id: '',
						name: m.campaigns_audience_everyone_option(),
						clients: await audienceSize(db, null)
					},
					...segmentAudiences
				],
		fatigueDays: appConfig().surveyFatigueDays
	};
};

const campaignSchema = z.object({
	name: lineText()
		.trim()
		.min(1, { error: () => m.validation_campaign_name_required() })
		.max(200),
	surveyId: z.coerce
		.number()
		.int()
		.positive({ error: () => m.validation_campaign_choose_survey() }),
	segmentId: z.union([z.literal('').transform(() => null), z.coerce.number().int().positive()]),
	sendAt: z.union([
		z.literal('').transform(() => new Date()),
		z
			.string()
			.refine((text) => !Number.isNaN(Date.parse(text)), {
				error: () => m.validation_enter_date_time()
			})
			.transform((text) => new Date(text))
	]),
	recurrence: z.enum(['once', 'monthly']),
	fatigueDays: z.coerce.number().int().min(0).max(365),
	expiresInDays: z.coerce.number().int().min(1).max(365),
	reminderAfterDays: z.union([
		z.literal('').transform(() => null),
		z.coerce.number().int().min(1).max(90)
	]),
	maxReminders: z.coerce.number().int().min(0).max(3)
});

const campaignIdSchema = z.object({
	campaignId: recordId(() => m.validation_lost_campaign())
});

export const actions: Actions = {
	create: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const values = formValues(form);
		const parsed = campaignSchema.safeParse(values);
		if (!parsed.success) {
			const errors = Object.fromEntries(
				parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])
			);
			return fail(400, { errors, values });
		}
		const db = appDb();
		const created = await createCampaign(db, parsed.data, user.id, await scopeOf(db, user));
		if (!created.ok) return asFormFailure(created, { field: created.field ?? 'surveyId', values });
		return {
			success:
				parsed.data.sendAt.getTime() <= Date.now() + 5000
					? m.campaigns_sending_now()
					: m.campaigns_scheduled()
		};
	},
	cancel: async (event) => {
		const parsed = parseForm(campaignIdSchema, await event.request.formData());
		if (!parsed.ok) return fail(400, { message: parsed.errors.campaignId });
		const db = appDb();
		if (!(await cancelCampaign(db, parsed.data.campaignId, await scopeOf(db, requireUser(event)))))
			return fail(404, { message: m.campaigns_cancel_refused() });
		return { success: m.campaigns_cancelled() };
	},
	retryFailed: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const parsed = parseForm(campaignIdSchema, form);
		if (!parsed.ok) return fail(400, { message: parsed.errors.campaignId });
		const db = appDb();
		const campaign = await reachableCampaign(db, parsed.data.campaignId, await scopeOf(db, user));
		if (!campaign) return fail(404, { message: m.campaigns_no_failed() });
		return retryFailedAction(db, campaign, form, { userId: user.id });
	}
};
