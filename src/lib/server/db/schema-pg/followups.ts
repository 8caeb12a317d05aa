import { boolean, index, integer, json, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import {
	caseEventKinds,
	caseStatuses,
	followupTriggers,
	type CaseTrigger
} from '../schema/followups';
import type { CaseEventCode, CaseEventParams } from '../../../followups/event-text';
import { users } from './auth';
import { clients } from './clients';
import { timestamp } from './columns';
import { invitations } from './invitations';
import { responses } from './responses';
import { reviews } from './reviews';

// The PostgreSQL twins of ../schema/followups.ts; schema-pg.test.ts checks they match.

export const followupRules = pgTable('followup_rules', {
	trigger: text('trigger', { enum: followupTriggers }).primaryKey(),
	enabled: boolean('enabled').notNull(),
	threshold: integer('threshold'),
	askResolved: boolean('ask_resolved').notNull().default(false),
	updatedAt: timestamp('updated_at').notNull()
});

export const followupSettings = pgTable('followup_settings', {
	id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
	defaultAssigneeId: text('default_assignee_id').references(() => users.id, {
		onDelete: 'set null'
	}),
	slaBusinessDays: integer('sla_business_days').notNull().default(2),
	lastDigestOn: text('last_digest_on'),
	updatedAt: timestamp('updated_at').notNull()
});

export const followupCases = pgTable(
	'followup_cases',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		clientId: integer('client_id').references(() => clients.id, { onDelete: 'set null' }),
		responseId: integer('response_id').references(() => responses.id, { onDelete: 'set null' }),
		reviewId: integer('review_id').references(() => reviews.id, { onDelete: 'set null' }),
		trigger: json('trigger').$type<CaseTrigger>().notNull(),
		assigneeId: text('assignee_id').references(() => users.id, { onDelete: 'set null' }),
		status: text('status', { enum: caseStatuses }).notNull(),
		dueAt: timestamp('due_at').notNull(),
		firstActionAt: timestamp('first_action_at'),
		resolvedAt: timestamp('resolved_at'),
		resolutionNote: text('resolution_note'),
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

export const followupEvents = pgTable(
	'followup_events',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		caseId: integer('case_id')
			.notNull()
			.references(() => followupCases.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: caseEventKinds }).notNull(),
		actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
		code: text('code').$type<CaseEventCode>(),
		params: json('params').$type<CaseEventParams>(),
		detail: text('detail'),
		at: timestamp('at').notNull()
	},
	(table) => [index('followup_events_case_idx').on(table.caseId, table.at)]
);
