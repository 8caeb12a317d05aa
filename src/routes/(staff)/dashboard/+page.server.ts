import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { reportView } from '$lib/components/dashboard/report-view';
import { factorTones } from '$lib/components/dashboard/sentiment-view';
import type { Role } from '$lib/roles';
import * as m from '$lib/paraglide/messages';
import { recordId } from '$lib/schemas/ids';
import { csiComparison, csiTrend, dashboardScope } from '$lib/server/analytics/dashboard';
import { factorTone } from '$lib/server/analytics/sentiment';
import { followupMetrics } from '$lib/server/followups/metrics';
import {
	countsOneClickPartials,
	dashboardSettingsOf,
	dashboardSettingsSchema,
	oneClickPartialsSchema,
	saveDashboardSettings,
	saveOneClickPartials
} from '$lib/server/analytics/settings';
import { listApiKeys } from '$lib/server/api-keys/service';
import { requireUser } from '$lib/server/auth/guards';
import { withinScope, type Scope } from '$lib/server/auth/scope';
import { mayPost, mayRead } from '$lib/server/auth/visibility';
import { latestCampaignFunnels } from '$lib/server/campaigns/funnels';
import { countClients } from '$lib/server/clients/queries';
import type { Queryable } from '$lib/server/db';
import { appDb } from '$lib/server/db/app-db';
import { parseForm } from '$lib/server/forms';
import { asFormFailure } from '$lib/server/refusals';
import { listUsers } from '$lib/server/users/service';
import { subscribeToReport } from '$lib/server/reports/subscriptions';
import { reportSubscriptionSchema } from '$lib/schemas/reports';
import {
	comparedDimension,
	dashboardQuery,
	filterChoices,
	offeredSurveys,
	viewerScope,
	viewName
} from './_view.server';
import type { Actions, PageServerLoad } from './$types';
import { DAY_MS } from '$lib/dates';

async function clientSummary(db: Queryable, limit: Scope | null) {
	return {
		total: await countClients(db, withinScope({}, limit)),
		withoutManager: await countClients(db, withinScope({ accountManager: 'none' }, limit)),
		renewingSoon: await countClients(db, withinScope({ renewalInDays: { from: 0, to: 90 } }, limit))
	};
}

async function teamSummary(db: Queryable, role: Role) {
	if (!mayRead('/(staff)/settings/users', role)) return null;
	const users = await listUsers(db);
	return {
		active: users.filter((u) => u.status === 'active').length,
		invited: users.filter((u) => u.status === 'invited').length,
		apiKeys: (await listApiKeys(db)).filter((key) => !key.revokedAt).length
	};
}

export const load: PageServerLoad = async (event) => {
	const { url } = event;
	const { user } = await event.parent();
	const db = appDb();
	const limit = await viewerScope(event, db);
	const { query, problems } = dashboardQuery(url.searchParams, limit);
	const compare = comparedDimension(url.searchParams);
	const common = {
		query,
		problems,
		compare,
		clients: await clientSummary(db, limit),
		team: await teamSummary(db, user.role),
		maySetTargets: mayPost('/(staff)/dashboard', 'settings', user.role)
	};

	const scope = await dashboardScope(db, query);
	if (!scope.ok)
		return {
			...common,
			refusal: scope.message,
			surveys: await offeredSurveys(db, query),
			choices: await filterChoices(db),
			view: null
		};
	if ('empty' in scope) return { ...common, refusal: null, surveys: [], choices: null, view: null };

	return {
		...common,
		refusal: null,
		surveys: scope.surveys,
		choices: await filterChoices(db),
		view: {
			model: scope.model,
			version: scope.version.version,
			versions: scope.versions.map(({ version, createdAt, note }) => ({
				version,
				createdAt,
				note
			})),
			surveyIds: scope.surveyIds,
			settings: await dashboardSettingsOf(db, scope.model.id),
			countsOneClickPartials: await countsOneClickPartials(db, scope.model.id),
			chosen: scope.chosen,
			models: scope.models,
			trend: reportView(await csiTrend(db, scope, query)),
			comparison: reportView(await csiComparison(db, scope, query, compare)),
			// The factor table's tone column, over both kinds of text: counted in SQL, the texts stay unread.
			tone: factorTones(
				await factorTone(db, {
					...query,
					surveyId: scope.surveyIds,
					texts: 'both',
					reviewSource: undefined
				})
			),
			funnels: await latestCampaignFunnels(db, {
				surveyIds: scope.surveyIds,
				limit,
				from: query.from,
				to: query.to
			}),
			followups: await followupMetrics(db, {
				limit,
				from: query.from ? new Date(`${query.from}T00:00:00Z`) : undefined,
				to: query.to ? new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY_MS) : undefined
			})
		}
	};
};

const settingsModelSchema = z.object({
	modelId: recordId(() => m.validation_lost_model())
});

export const actions: Actions = {
	subscribe: async (event) => {
		const user = requireUser(event);
		const parsed = parseForm(reportSubscriptionSchema, await event.request.formData());
		if (!parsed.ok)
			return fail(400, { action: 'subscribe', errors: parsed.errors, values: parsed.values });
		const db = appDb();
		const name =
			parsed.data.name ||
			(await viewName(
				db,
				dashboardQuery(new URLSearchParams(parsed.data.view), await viewerScope(event, db)).query
			));
		const saved = await subscribeToReport(db, user.id, { ...parsed.data, name });
		if (!saved.ok) return asFormFailure(saved, { action: 'subscribe' });
		return {
			action: 'subscribe',
			success:
				parsed.data.frequency === 'weekly'
					? m.dashboard_report_subscribed_weekly()
					: m.dashboard_report_subscribed_monthly()
		};
	},
	settings: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const parsed = parseForm(dashboardSettingsSchema, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const model = parseForm(settingsModelSchema, form);
		if (!model.ok) return fail(400, { message: model.errors.modelId });
		const saved = await saveDashboardSettings(appDb(), model.data.modelId, parsed.data, {
			userId: user.id
		});
		if (!saved.ok) return asFormFailure(saved);
		return { success: m.dashboard_lines_saved() };
	},
	oneClickPartials: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const model = parseForm(settingsModelSchema, form);
		if (!model.ok) return fail(400, { action: 'oneClickPartials', message: model.errors.modelId });
		const choice = parseForm(oneClickPartialsSchema, form);
		if (!choice.ok)
			return fail(400, {
				action: 'oneClickPartials',
				message: choice.errors.countOneClickPartials
			});
		const { countOneClickPartials } = choice.data;
		const saved = await saveOneClickPartials(appDb(), model.data.modelId, countOneClickPartials, {
			userId: user.id
		});
		if (!saved.ok) return asFormFailure(saved, { action: 'oneClickPartials' });
		return {
			action: 'oneClickPartials',
			success: countOneClickPartials
				? m.dashboard_partials_saved_on()
				: m.dashboard_partials_saved_off()
		};
	}
};
