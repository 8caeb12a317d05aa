import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';
import { campaigns } from './campaigns';
import { clients } from './clients';
import { responses } from './responses';
import { surveys, surveyVersions } from './surveys';

/** A personal link to one survey for one client; only the token's hash is stored. */
export const invitations = sqliteTable(
	'invitations',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		surveyId: integer('survey_id')
			.notNull()
			.references(() => surveys.id, { onDelete: 'cascade' }),
		/** Null once the client is erased: the invitation stays, counted but anonymous. */
		clientId: integer('client_id').references(() => clients.id, { onDelete: 'set null' }),
		tokenHash: blob('token_hash', { mode: 'buffer' }).notNull(),
		campaignId: integer('campaign_id').references(() => campaigns.id, { onDelete: 'set null' }),
		/** How the link reaches the client: our email, or another system that asked for it. */
		channel: text('channel', { enum: ['email', 'api', 'public'] }).notNull(),
		createdAt: timestamp('created_at').notNull(),
		/** When to deliver it; a later time schedules it ("3 days after the service visit"). */
		sendAt: timestamp('send_at').notNull(),
		expiresAt: timestamp('expires_at'),
		/** When the mail server accepted the invitation email (email invitations only). */
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

/**
 * Further links to the same invitation, minted for reminders: every email's link keeps working,
 * and only hashes are stored.
 */
export const invitationLinks = sqliteTable('invitation_links', {
	tokenHash: blob('token_hash', { mode: 'buffer' }).primaryKey(),
	invitationId: integer('invitation_id')
		.notNull()
		.references(() => invitations.id, { onDelete: 'cascade' }),
	createdAt: timestamp('created_at').notNull()
});

/** Answers saved page by page before the response is sent, so a client can resume anywhere. */
export const responseDrafts = sqliteTable('response_drafts', {
	invitationId: integer('invitation_id')
		.primaryKey()
		.references(() => invitations.id, { onDelete: 'cascade' }),
	surveyVersionId: integer('survey_version_id')
		.notNull()
		.references(() => surveyVersions.id, { onDelete: 'cascade' }),
	language: text('language').notNull(),
	page: integer('page').notNull(),
	/** How many pages, from the first, the respondent has sent forward with their answers in order (see surveys/progress.ts). */
	pagesPassed: integer('pages_passed').notNull().default(0),
	/** Question id → the raw answer as submitted (a score, `na`, text, or option ids). */
	answers: text('answers', { mode: 'json' }).$type<Record<string, string | string[]>>().notNull(),
	updatedAt: timestamp('updated_at').notNull()
});

/**
 * Every click on a one-click answer in an invitation email. A person clicks one value; a mail
 * scanner opening every link of a new email clicks several within seconds: such a burst is kept,
 * for the record, but `counted` false, so it never sets or overwrites an answer.
 */
export const invitationClicks = sqliteTable(
	'invitation_clicks',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		invitationId: integer('invitation_id')
			.notNull()
			.references(() => invitations.id, { onDelete: 'cascade' }),
		questionId: text('question_id').notNull(),
		value: text('value').notNull(),
		clickedAt: timestamp('clicked_at').notNull(),
		counted: integer('counted', { mode: 'boolean' }).notNull()
	},
	(table) => [index('invitation_clicks_invitation_idx').on(table.invitationId, table.clickedAt)]
);
