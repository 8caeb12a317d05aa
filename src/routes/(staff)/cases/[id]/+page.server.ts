import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { nextStatuses, type CaseStatus } from '$lib/followups/case-model';
import {
	caseAssignFormSchema,
	caseCommentFormSchema,
	caseDueFormSchema,
	caseStatusFormSchema
} from '$lib/schemas/followups';
import { requireUser } from '$lib/server/auth/guards';
import { caseInScope, scopeOf } from '$lib/server/auth/scope';
import { seesContactData } from '$lib/server/auth/visibility';
import { appDb } from '$lib/server/db/app-db';
import { getCase, withoutContactData } from '$lib/server/followups/queries';
import { activeStaff } from '$lib/server/followups/rules';
import { canActOnCase, updateCase, type CaseChanges } from '$lib/server/followups/workflow';
import { formValues, parseForm } from '$lib/server/forms';
import { asFormFailure } from '$lib/server/refusals';
import { pageId } from '$lib/server/route-params';
import * as m from '$lib/paraglide/messages';
import type { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

/** The case the URL names, if the user may reach it: out of their scope answers like no case. */
async function reachableCase(event: RequestEvent) {
	const user = requireUser(event);
	const db = appDb();
	const caseId = pageId(event.params.id ?? '', m.cases_not_found());
	const kase = (await caseInScope(db, caseId, await scopeOf(db, user)))
		? await getCase(db, caseId)
		: null;
	if (!kase) error(404, m.cases_not_found());
	return { user, db, caseId, kase };
}

export const load: PageServerLoad = async (event) => {
	const { user, db, kase } = await reachableCase(event);
	return {
		kase: seesContactData(user) ? kase : withoutContactData(kase),
		canAct: canActOnCase(user, kase),
		nextStatuses: nextStatuses[kase.status],
		staff: await activeStaff(db)
	};
};

/** What the page says after a status change: one whole sentence per status. */
const statusChanged: Record<CaseStatus, () => string> = {
	open: m.cases_now_open,
	in_progress: m.cases_now_in_progress,
	resolved: m.cases_now_resolved,
	wont_fix: m.cases_now_wont_fix
};

/** A case's due date is the end of the chosen UTC day: "due Friday" means by Friday's end. */
const endOfDay = (day: string) => new Date(`${day}T23:59:59.999Z`);

/**
 * Every action: the signed-in person must be a manager or the case's assignee; the form is
 * checked, then the change is made. Refusals come back with the action's name, so the page shows
 * them next to the form they belong to.
 */
async function act<S extends z.ZodType>(
	event: RequestEvent,
	action: string,
	schema: S,
	changes: (data: z.output<S>) => CaseChanges,
	success: (data: z.output<S>) => string
) {
	const { user, db, caseId, kase } = await reachableCase(event);
	if (!canActOnCase(user, kase)) error(403, m.cases_forbidden());
	const formData = await event.request.formData();
	const values = formValues(formData);
	const form = parseForm(schema, formData);
	if (!form.ok) return fail(400, { action, errors: form.errors as Record<string, string>, values });
	const outcome = await updateCase(db, caseId, changes(form.data), {
		userId: user.id,
		name: user.name
	});
	// A refusal about no field in particular is shown with the form's own errors.
	if (!outcome.ok)
		return asFormFailure(outcome, { action, field: outcome.field ?? 'form', values });
	return { action, success: success(form.data) };
}

export const actions: Actions = {
	status: (event) =>
		act(
			event,
			'status',
			caseStatusFormSchema,
			({ status, note }) => ({ status, note }),
			({ status }) => statusChanged[status]()
		),
	assign: (event) =>
		act(
			event,
			'assign',
			caseAssignFormSchema,
			({ assigneeId }) => ({ assigneeId }),
			({ assigneeId }) => (assigneeId ? m.cases_reassigned() : m.cases_unassigned_done())
		),
	due: (event) =>
		act(
			event,
			'due',
			caseDueFormSchema,
			({ dueOn }) => ({ dueAt: endOfDay(dueOn) }),
			() => m.cases_due_changed()
		),
	comment: (event) =>
		act(
			event,
			'comment',
			caseCommentFormSchema,
			({ comment }) => ({ comment }),
			() => m.cases_comment_added()
		)
};
