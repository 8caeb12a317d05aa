import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { CaseEventCode, CaseEventParams } from '../../../followups/event-text';
import { timestamp } from './columns';
import { users } from './auth';
import { clients } from './clients';
import { invitations } from './invitations';
import { responses } from './responses';
import { reviews } from './reviews';

export const followupTriggers = [
	'lowOverall',
	'lowFactor',
	'lowNps',
	'negativeAnswer',
	'negativeReview'
] as const;

/** When a response or review opens a follow-up case; one row per trigger, on by default. */
export const followupRules = sqliteTable('followup_rules', {
	trigger: text('trigger', { enum: followupTriggers }).primaryKey(),
	enabled: integer('enabled', { mode: 'boolean' }).notNull(),
	/** Ratings at or below it trigger (1–5, or 0–10 for NPS); unused by sentiment triggers. */
	threshold: integer('threshold'),
	/** On resolving, ask the client "Did we resolve it?" (1–5). */
	askResolved: integer('ask_resolved', { mode: 'boolean' }).notNull().default(false),
	updatedAt: timestamp('updated_at').notNull()
});

/** Workspace-wide follow-up settings: a single row with id 1. */
export const followupSettings = sqliteTable('followup_settings', {
	id: integer('id').primaryKey(),
	/** Who gets cases of clients without an active account manager. */
	defaultAssigneeId: text('default_assignee_id').references(() => users.id, {
		onDelete: 'set null'
	}),
	slaBusinessDays: integer('sla_business_days').notNull().default(2),
	/** UTC day of the last overdue digest, so owners get one a day. */
	lastDigestOn: text('last_digest_on'),
	updatedAt: timestamp('updated_at').notNull()
});

export const caseStatuses = ['open', 'in_progress', 'resolved', 'wont_fix'] as const;

export type CaseTrigger = {
	triggers: (typeof followupTriggers)[number][];
	/** The answers or review that triggered it, with their scores. */
	items: {
		label: string;
		score?: number | null;
		text?: string | null;
		sentiment?: string | null;
		words?: string[];
	}[];
};

/** Someone owns calling an unhappy client back. One case per response or review. */
export const followupCases = sqliteTable(
	'followup_cases',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		clientId: integer('client_id').references(() => clients.id, { onDelete: 'set null' }),
		responseId: integer('response_id').references(() => responses.id, { onDelete: 'set null' }),
		reviewId: integer('review_id').references(() => reviews.id, { onDelete: 'set null' }),
		trigger: text('trigger', { mode: 'json' }).$type<CaseTrigger>().notNull(),
		assigneeId: text('assignee_id').references(() => users.id, { onDelete: 'set null' }),
		status: text('status', { enum: caseStatuses }).notNull(),
		dueAt: timestamp('due_at').notNull(),
		firstActionAt: timestamp('first_action_at'),
		resolvedAt: timestamp('resolved_at'),
		resolutionNote: text('resolution_note'),
		/** The "Did we resolve it?" invitation sent on resolving, if the rule asks. */
		resolutionInvitationId: integer('resolution_invitation_id').references(() => invitations.id, {
			onDelete: 'set null'
		}),
		createdAt: timestamp('created_at').notNull(),
		updatedAt: timestamp('updated_at').notNull()
	},
	(table) => [
		uniqueIndex('followup_cases_response_idx').on(table.responseId),
		uniqueIndex('followup_cases_review_idx').on(table.reviewId),
		index('followup_cases_assignee_idx').on(table.assigneeId, table.status),
		index('followup_cases_status_due_idx').on(table.status, table.dueAt),
		index('followup_cases_client_idx').on(table.clientId)
	]
);

export const caseEventKinds = [
	'created',
	'assigned',
	'status',
	'comment',
	'due',
	'notified'
] as const;

/** A case's full history, comments included. */
export const followupEvents = sqliteTable(
	'followup_events',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		caseId: integer('case_id')
			.notNull()
			.references(() => followupCases.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: caseEventKinds }).notNull(),
		actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
		/** What Satisfy wrote, worded when read (event-text.ts); null for a comment. */
		code: text('code').$type<CaseEventCode>(),
		params: text('params', { mode: 'json' }).$type<CaseEventParams>(),
		/** A comment's text; what changed, as written, in entries from before the codes. */
		detail: text('detail'),
		at: timestamp('at').notNull()
	},
	(table) => [index('followup_events_case_idx').on(table.caseId, table.at)]
);
