import { z } from 'zod';
import { lineText, multilineText } from './text';
import { caseStatuses, caseTriggers, type CaseTriggerKind } from '../followups/case-model';
import type { FollowupRules } from '../followups/triggers';
import * as m from '../paraglide/messages';

/** A ticked checkbox sends "on"; an unticked one sends nothing. */
const checkbox = lineText()
	.optional()
	.transform((value) => value === 'on');

/** A whole number from `min` to `max`; `message` says so in the words of the threshold's scale. */
const threshold = (
	min: number,
	max: number,
	message: (range: { min: number; max: number }) => string
) => {
	const error = () => message({ min, max });
	return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

const rating = threshold(1, 4, m.schema_followups_rating_threshold);

/**
 * The owner's follow-up settings form: per rule a checkbox to turn it on, a threshold where it has
 * one (ratings at or below 1–4, since 5 would open a case for everyone; NPS at or below 0–9) and
 * whether resolving asks the client "Did we resolve it?".
 */
export const followupSettingsFormSchema = z
	.object({
		lowOverallEnabled: checkbox,
		lowOverallThreshold: rating,
		lowOverallAsk: checkbox,
		lowFactorEnabled: checkbox,
		lowFactorThreshold: rating,
		lowFactorAsk: checkbox,
		lowNpsEnabled: checkbox,
		lowNpsThreshold: threshold(0, 9, m.schema_followups_nps_threshold),
		lowNpsAsk: checkbox,
		negativeAnswerEnabled: checkbox,
		negativeAnswerAsk: checkbox,
		negativeReviewEnabled: checkbox,
		negativeReviewAsk: checkbox,
		defaultAssigneeId: lineText()
			.trim()
			.max(100)
			.default('')
			.transform((id) => id || null),
		slaBusinessDays: threshold(1, 30, m.schema_followups_sla_days)
	})
	.transform((form) => {
		const rule = (trigger: CaseTriggerKind, limit: number | null) => ({
			enabled: form[`${trigger}Enabled`],
			threshold: limit,
			askResolved: form[`${trigger}Ask`]
		});
		const rules: FollowupRules = {
			lowOverall: rule('lowOverall', form.lowOverallThreshold),
			lowFactor: rule('lowFactor', form.lowFactorThreshold),
			lowNps: rule('lowNps', form.lowNpsThreshold),
			negativeAnswer: rule('negativeAnswer', null),
			negativeReview: rule('negativeReview', null)
		};
		return {
			rules,
			defaultAssigneeId: form.defaultAssigneeId,
			slaBusinessDays: form.slaBusinessDays
		};
	});

export type FollowupSettingsInput = z.output<typeof followupSettingsFormSchema>;

export const MAX_CASE_NOTE = 5000;

const note = multilineText()
	.trim()
	.max(MAX_CASE_NOTE, { error: () => m.validation_max_characters({ max: MAX_CASE_NOTE }) });

export const caseStatusFormSchema = z.object({
	status: z.enum(caseStatuses, { error: () => m.schema_followups_choose_status() }),
	// Required for closing; the service says so, since the API closes cases too.
	note: note.default('')
});

export const caseAssignFormSchema = z.object({
	assigneeId: lineText()
		.trim()
		.max(100)
		.default('')
		.transform((id) => id || null)
});

export const caseDueFormSchema = z.object({
	dueOn: z.iso.date({ error: () => m.validation_choose_date() })
});

export const caseCommentFormSchema = z.object({
	comment: note.min(1, { error: () => m.schema_followups_write_comment() })
});

export const caseViews = ['mine', 'all', 'overdue', 'unassigned'] as const;
export type CaseView = (typeof caseViews)[number];

/** `active` is open or in progress (the default), `any` every status. */
export const caseStatusFilters = ['active', ...caseStatuses, 'any'] as const;

const ignoreInvalid = <S extends z.ZodType>(schema: S) => schema.optional().catch(undefined);

/** The case list's filters, read from its query string; something not understood is ignored. */
export const caseListParamsSchema = z.object({
	view: z.enum(caseViews).catch('all'),
	status: z.enum(caseStatusFilters).catch('active'),
	assignee: ignoreInvalid(lineText().trim().min(1).max(100)),
	trigger: ignoreInvalid(z.enum(caseTriggers)),
	overdue: checkbox.catch(false),
	search: ignoreInvalid(lineText().trim().min(1).max(200)),
	page: z.coerce.number().int().min(1).max(100_000).catch(1)
});

export type CaseListParams = z.output<typeof caseListParamsSchema>;

/** One thing that opened a case (`TriggerItem`): an answer or a review, with its score, text and tone. */
export const triggerItemSchema = z.object({
	label: z.string(),
	score: z.number().nullable().optional(),
	text: z.string().nullable().optional(),
	sentiment: z.string().nullable().optional(),
	words: z.array(z.string()).optional()
});
