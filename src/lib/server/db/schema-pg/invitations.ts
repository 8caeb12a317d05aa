import { boolean, index, integer, json, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { campaigns } from './campaigns';
import { clients } from './clients';
import { bytea, timestamp } from './columns';
import { responses } from './responses';
import { surveys, surveyVersions } from './surveys';

// The PostgreSQL twins of ../schema/invitations.ts; schema-pg.test.ts checks they match.

export const invitations = pgTable(
	'invitations',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		surveyId: integer('survey_id')
			.notNull()
			.references(() => surveys.id, { onDelete: 'cascade' }),
		clientId: integer('client_id').references(() => clients.id, { onDelete: 'set null' }),
		tokenHash: bytea('token_hash').notNull(),
		campaignId: integer('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
		channel: text('channel', { enum: ['email', 'api', 'public'] }).notNull(),
		createdAt: timestamp('created_at').notNull(),
		sendAt: timestamp('send_at').notNull(),
		expiresAt: timestamp('expires_at'),
		sentAt: timestamp('sent_at'),
		openedAt: timestamp('opened_at'),
		startedAt: timestamp('started_at'),
		completedAt: timestamp('completed_at'),
		responseId: integer('response_id').references(() => responses.id, { onDelete: 'set null' })
	},
	(table) => [
		uniqueIndex('invitations_token_idx').on(table.tokenHash),
		index('invitations_client_idx').on(table.clientId, table.createdAt),
		index('invitations_survey_idx').on(table.surveyId),
		index('invitations_campaign_idx').on(table.campaignId)
	]
);

export const invitationLinks = pgTable('invitation_links', {
	tokenHash: bytea('token_hash').primaryKey(),
	invitationId: integer('invitation_id')
		.notNull()
		.references(() => invitations.id, { onDelete: 'cascade' }),
	createdAt: timestamp('created_at').notNull()
});

export const responseDrafts = pgTable('response_drafts', {
	invitationId: integer('invitation_id')
		.primaryKey()
		.references(() => invitations.id, { onDelete: 'cascade' }),
	surveyVersionId: integer('survey_version_id')
		.notNull()
		.references(() => surveyVersions.id, { onDelete: 'cascade' }),
	language: text('language').notNull(),
	page: integer('page').notNull(),
	pagesPassed: integer('pages_passed').notNull().default(0),
	answers: json('answers').$type<Record<string, string | string[]>>().notNull(),
	updatedAt: timestamp('updated_at').notNull()
});

export const invitationClicks = pgTable(
	'invitation_clicks',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		invitationId: integer('invitation_id')
			.notNull()
			.references(() => invitations.id, { onDelete: 'cascade' }),
		questionId: text('question_id').notNull(),
		value: text('value').notNull(),
		clickedAt: timestamp('clicked_at').notNull(),
		counted: boolean('counted').notNull()
	},
	(table) => [index('invitation_clicks_invitation_idx').on(table.invitationId, table.clickedAt)]
);
