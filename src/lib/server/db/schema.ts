import { sql } from 'drizzle-orm';
import {
	blob,
	index,
	integer,
	primaryKey,
	real,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import type { CsiCell } from '../../analytics/csi-cell';
import type { ResponseContext } from '../../analytics/dimensions';
import { roles } from '../../roles';

const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });
const secretHash = () => blob('secret_hash', { mode: 'buffer' }).notNull();

export const users = sqliteTable('users', {
	id: text('id').primaryKey(),
	/** Always stored lower-case, so uniqueness is case-insensitive. */
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	role: text('role', { enum: roles }).notNull(),
	/** An owner let this viewer see client emails and phones (managers and owners always do). */
	contactDataGranted: integer('contact_data_granted', { mode: 'boolean' }).notNull().default(false),
	/** Null until an invited user has chosen a password. */
	passwordHash: text('password_hash'),
	deactivatedAt: timestamp('deactivated_at'),
	createdAt: timestamp('created_at').notNull()
});

export const sessions = sqliteTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		secretHash: secretHash(),
		createdAt: timestamp('created_at').notNull(),
		lastVerifiedAt: timestamp('last_verified_at').notNull()
	},
	(table) => [index('sessions_user_idx').on(table.userId)]
);

/** One-time links that let a user choose a password: invitations and password resets. */
export const passwordLinks = sqliteTable(
	'password_links',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		purpose: text('purpose', { enum: ['invite', 'reset'] }).notNull(),
		secretHash: secretHash(),
		createdAt: timestamp('created_at').notNull(),
		expiresAt: timestamp('expires_at').notNull(),
		usedAt: timestamp('used_at')
	},
	(table) => [index('password_links_user_idx').on(table.userId)]
);

export const apiKeys = sqliteTable('api_keys', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	role: text('role', { enum: roles }).notNull(),
	secretHash: secretHash(),
	createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at').notNull(),
	lastUsedAt: timestamp('last_used_at'),
	revokedAt: timestamp('revoked_at')
});

/** Failed sign-ins, kept in the database so throttling survives a restart. */
export const loginFailures = sqliteTable(
	'login_failures',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		email: text('email').notNull(),
		ip: text('ip').notNull(),
		failedAt: timestamp('failed_at').notNull()
	},
	(table) => [
		index('login_failures_email_idx').on(table.email, table.failedAt),
		index('login_failures_ip_idx').on(table.ip, table.failedAt)
	]
);

/** Calendar dates without a time of day are stored as ISO `YYYY-MM-DD` text: they sort and compare. */
const isoDate = (name: string) => text(name);

export const clients = sqliteTable(
	'clients',
	{
		// An integer key keeps rowids stable, which the full-text index (clients_search) relies on.
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** Always stored lower-case, so uniqueness is case-insensitive. */
		email: text('email').notNull().unique(),
		name: text('name').notNull(),
		phone: text('phone'),
		company: text('company'),
		/** BCP 47 language tag, e.g. `de`, `pt-BR`. */
		language: text('language').notNull(),
		accountManagerId: text('account_manager_id').references(() => users.id, {
			onDelete: 'set null'
		}),
		clientSince: isoDate('client_since'),
		lastPurchaseOn: isoDate('last_purchase_on'),
		renewalOn: isoDate('renewal_on'),
		annualValue: real('annual_value'),
		consentAt: timestamp('consent_at'),
		consentSource: text('consent_source'),
		unsubscribedAt: timestamp('unsubscribed_at'),
		/** Set when a survey answer arrives; drives "no survey answered in N days". */
		lastAnsweredAt: timestamp('last_answered_at'),
		createdAt: timestamp('created_at').notNull(),
		updatedAt: timestamp('updated_at').notNull()
	},
	(table) => [
		index('clients_name_idx').on(sql`${table.name} collate nocase`),
		index('clients_company_idx').on(sql`${table.company} collate nocase`),
		index('clients_account_manager_idx').on(table.accountManagerId),
		index('clients_language_idx').on(table.language),
		index('clients_renewal_idx').on(table.renewalOn),
		index('clients_last_purchase_idx').on(table.lastPurchaseOn),
		index('clients_created_idx').on(table.createdAt)
	]
);

export const tags = sqliteTable(
	'tags',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		name: text('name').notNull()
	},
	(table) => [uniqueIndex('tags_name_idx').on(sql`${table.name} collate nocase`)]
);

export const clientTags = sqliteTable(
	'client_tags',
	{
		clientId: integer('client_id')
			.notNull()
			.references(() => clients.id, { onDelete: 'cascade' }),
		tagId: integer('tag_id')
			.notNull()
			.references(() => tags.id, { onDelete: 'cascade' })
	},
	(table) => [
		primaryKey({ columns: [table.clientId, table.tagId] }),
		index('client_tags_tag_idx').on(table.tagId, table.clientId)
	]
);

export const attributeTypes = ['string', 'number', 'date'] as const;

/** Custom client fields, defined once per workspace so every record uses the same ones. */
export const attributeDefinitions = sqliteTable('attribute_definitions', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	/** Stable machine name, e.g. `country`; CSV columns and API fields use it. */
	key: text('key').notNull().unique(),
	label: text('label').notNull(),
	type: text('type', { enum: attributeTypes }).notNull(),
	createdAt: timestamp('created_at').notNull()
});

export const clientAttributes = sqliteTable(
	'client_attributes',
	{
		clientId: integer('client_id')
			.notNull()
			.references(() => clients.id, { onDelete: 'cascade' }),
		attributeId: integer('attribute_id')
			.notNull()
			.references(() => attributeDefinitions.id, { onDelete: 'cascade' }),
		/** Text as entered for strings, a canonical number, or `YYYY-MM-DD`: comparable in SQL. */
		value: text('value').notNull()
	},
	(table) => [
		primaryKey({ columns: [table.clientId, table.attributeId] }),
		index('client_attributes_value_idx').on(table.attributeId, table.value)
	]
);

/** A saved client filter with a name, evaluated afresh whenever it is used. */
export const segments = sqliteTable('segments', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	name: text('name').notNull().unique(),
	/** A `ClientFilter` (src/lib/schemas/clients.ts), validated on the way in and out. */
	filter: text('filter', { mode: 'json' }).notNull(),
	createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at').notNull(),
	updatedAt: timestamp('updated_at').notNull()
});

/**
 * The workspace's privacy choices: a single row with id 1 (absent means the defaults). Erasing a
 * client keeps their survey answers, anonymised, for the statistics unless the owner chose otherwise.
 */
export const privacySettings = sqliteTable('privacy_settings', {
	id: integer('id').primaryKey(),
	erasureKeepsAnswers: integer('erasure_keeps_answers', { mode: 'boolean' })
		.notNull()
		.default(true),
	updatedAt: timestamp('updated_at').notNull()
});

/** Who did what to personal data, and when. Never holds the personal data itself. */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: timestamp('at').notNull(),
		actorUserId: text('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
		actorApiKeyId: text('actor_api_key_id').references(() => apiKeys.id, { onDelete: 'set null' }),
		action: text('action').notNull(),
		subject: text('subject').notNull(),
		details: text('details', { mode: 'json' })
	},
	// Settings → Audit log filters by each of these, newest (highest id) first; an index on one
	// column also orders by id, so a filtered page is one index range.
	(table) => [
		index('audit_log_at_idx').on(table.at),
		index('audit_log_action_idx').on(table.action),
		index('audit_log_subject_idx').on(table.subject),
		index('audit_log_actor_user_idx').on(table.actorUserId),
		index('audit_log_actor_api_key_idx').on(table.actorApiKeyId)
	]
);

export const importStatuses = [
	'uploaded',
	'validating',
	'invalid',
	'importing',
	'done',
	'failed'
] as const;

/** A CSV file on its way into the client base: uploaded, mapped, checked, then imported whole. */
export const clientImports = sqliteTable('client_imports', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
	fileName: text('file_name').notNull(),
	/** The uploaded bytes; dropped once imported, since they hold personal data. */
	content: blob('content', { mode: 'buffer' }),
	status: text('status', { enum: importStatuses }).notNull(),
	/** One entry per CSV column: the field it fills, or null to ignore it. */
	mapping: text('mapping', { mode: 'json' }).$type<(string | null)[]>().notNull(),
	onExisting: text('on_existing', { enum: ['skip', 'update'] }),
	totalRows: integer('total_rows').notNull(),
	processedRows: integer('processed_rows').notNull().default(0),
	issues: text('issues', { mode: 'json' }).$type<
		{ line: number; column: string; message: string }[]
	>(),
	result: text('result', { mode: 'json' }).$type<{
		created: number;
		updated: number;
		skipped: number;
	}>(),
	failure: text('failure'),
	createdAt: timestamp('created_at').notNull(),
	updatedAt: timestamp('updated_at').notNull()
});

/** A set of weighted satisfaction factors, e.g. "Airline service". */
export const csiModels = sqliteTable('csi_models', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	name: text('name').notNull().unique(),
	description: text('description'),
	createdAt: timestamp('created_at').notNull()
});

/** A factor keeps its identity across weight versions; its wording may be edited in place. */
export const factors = sqliteTable(
	'factors',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		modelId: integer('model_id')
			.notNull()
			.references(() => csiModels.id, { onDelete: 'cascade' }),
		/** Stable machine name (`punctuality`): survey questions refer to it. */
		key: text('key').notNull(),
		name: text('name').notNull(),
		description: text('description'),
		/** Words that mark a sentence as being about this factor (aspect sentiment). */
		keywords: text('keywords', { mode: 'json' }).$type<string[]>().notNull(),
		createdAt: timestamp('created_at').notNull()
	},
	(table) => [uniqueIndex('factors_model_key_idx').on(table.modelId, table.key)]
);

/** Weights are never edited in place: each change is a new version, so history stays as it was. */
export const modelVersions = sqliteTable(
	'model_versions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		modelId: integer('model_id')
			.notNull()
			.references(() => csiModels.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		note: text('note'),
		/** Stated by a manager, or derived from clients' importance answers. */
		weightSource: text('weight_source', { enum: ['stated', 'derived'] }).notNull(),
		authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at').notNull()
	},
	(table) => [uniqueIndex('model_versions_model_version_idx').on(table.modelId, table.version)]
);

export const factorWeights = sqliteTable(
	'factor_weights',
	{
		versionId: integer('version_id')
			.notNull()
			.references(() => modelVersions.id, { onDelete: 'cascade' }),
		factorId: integer('factor_id')
			.notNull()
			.references(() => factors.id, { onDelete: 'cascade' }),
		/** Any positive number; shares are weight / sum of the version's weights. */
		weight: real('weight').notNull()
	},
	(table) => [primaryKey({ columns: [table.versionId, table.factorId] })]
);

export const surveyStatuses = ['draft', 'open', 'closed', 'archived'] as const;

export const surveys = sqliteTable('surveys', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	/** The staff's name for the survey; respondents see the definition's title. */
	name: text('name').notNull(),
	modelId: integer('model_id').references(() => csiModels.id, { onDelete: 'restrict' }),
	status: text('status', { enum: surveyStatuses }).notNull(),
	/** Set while the survey has a public, anonymous link (`/p/<id>`); null when it has none. */
	publicLinkId: text('public_link_id').unique(),
	createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at').notNull(),
	updatedAt: timestamp('updated_at').notNull()
});

/** A survey's questions as answered: responses point at the version their respondent saw. */
export const surveyVersions = sqliteTable(
	'survey_versions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		surveyId: integer('survey_id')
			.notNull()
			.references(() => surveys.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		/** A `SurveyDefinition` (src/lib/schemas/survey.ts). */
		definition: text('definition', { mode: 'json' }).notNull(),
		createdAt: timestamp('created_at').notNull(),
		updatedAt: timestamp('updated_at').notNull()
	},
	(table) => [uniqueIndex('survey_versions_survey_version_idx').on(table.surveyId, table.version)]
);

export const responseSources = ['survey', 'import'] as const;

export const responses = sqliteTable(
	'responses',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		surveyVersionId: integer('survey_version_id')
			.notNull()
			.references(() => surveyVersions.id, { onDelete: 'restrict' }),
		/** Null for anonymous answers and once the client is erased: the answers stay, anonymised. */
		clientId: integer('client_id').references(() => clients.id, { onDelete: 'set null' }),
		language: text('language').notNull(),
		submittedAt: timestamp('submitted_at').notNull(),
		/** Answered through a link, or imported from a company's earlier surveys. */
		source: text('source', { enum: responseSources }).notNull().default('survey'),
		/**
		 * The client as they were when answering (segments, tags, account manager, annual value), so
		 * history does not shift when a client later moves segment.
		 */
		context: text('context', { mode: 'json' })
			.$type<ResponseContext>()
			.notNull()
			.default(sql`'{}'`)
	},
	(table) => [
		index('responses_version_idx').on(table.surveyVersionId, table.submittedAt),
		index('responses_client_idx').on(table.clientId)
	]
);

/**
 * Sums of the responses of one survey version, one day (or month) and one dimension ('' for everyone,
 * `segment:3`, `tag:vip`, `manager:<id>`, `language:de`): a `CsiCell` (src/lib/analytics/csi-cell.ts),
 * updated in the same transaction as each response so the dashboard's cost does not grow with them.
 */
export const csiCells = sqliteTable(
	'csi_cells',
	{
		surveyVersionId: integer('survey_version_id')
			.notNull()
			.references(() => surveyVersions.id, { onDelete: 'cascade' }),
		dimension: text('dimension').notNull(),
		/** UTC day `YYYY-MM-DD`, or month `YYYY-MM` for the same responses summed by month. */
		day: text('day').notNull(),
		cell: text('cell', { mode: 'json' }).$type<CsiCell>().notNull()
	},
	(table) => [primaryKey({ columns: [table.surveyVersionId, table.dimension, table.day] })]
);

/** The owner's lines on a model's dashboard. */
export const dashboardSettings = sqliteTable('dashboard_settings', {
	modelId: integer('model_id')
		.primaryKey()
		.references(() => csiModels.id, { onDelete: 'cascade' }),
	target: real('target'),
	referenceValue: real('reference_value'),
	referenceLabel: text('reference_label'),
	updatedAt: timestamp('updated_at').notNull()
});

export const jobKinds = ['cells', 'sentiment', 'reviews'] as const;
export const jobStatuses = ['running', 'done', 'failed'] as const;

/** Work done in the background with a progress bar: recomputing CSI cells, re-scoring sentiment. */
export const backgroundJobs = sqliteTable(
	'background_jobs',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		kind: text('kind', { enum: jobKinds }).notNull(),
		reason: text('reason').notNull(),
		status: text('status', { enum: jobStatuses }).notNull(),
		total: integer('total').notNull(),
		done: integer('done').notNull(),
		failure: text('failure'),
		// What a cells rebuild redoes if a restart cuts it short: every cell, and the segments whose members it re-reads.
		plan: text('plan', { mode: 'json' }).$type<{ all: boolean; segments: number[] }>(),
		startedAt: timestamp('started_at').notNull(),
		finishedAt: timestamp('finished_at')
	},
	(table) => [index('background_jobs_kind_idx').on(table.kind, table.id)]
);

export const sentimentLabels = ['positive', 'neutral', 'negative'] as const;

export type SentimentDetail = {
	words: { word: string; score: number }[];
	aspects: {
		factor: string;
		score: number;
		comparative: number;
		label: (typeof sentimentLabels)[number];
		sentences: number;
	}[];
};

/**
 * The tone of a text, stored with it. A null label with a version means "not scored" (no word
 * list for its language); a null version means not looked at yet.
 */
const sentimentColumns = () => ({
	sentimentLanguage: text('sentiment_language'),
	sentimentLabel: text('sentiment_label', { enum: sentimentLabels }),
	sentimentScore: real('sentiment_score'),
	sentimentComparative: real('sentiment_comparative'),
	sentimentDetail: text('sentiment_detail', { mode: 'json' }).$type<SentimentDetail>(),
	/** `SENTIMENT_VERSION` of the scorer that produced it: an older one is re-scored in the background. */
	sentimentVersion: text('sentiment_version')
});

/** A review from a review site, imported; re-importing the same source and id changes nothing. */
export const reviews = sqliteTable(
	'reviews',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		source: text('source').notNull(),
		externalId: text('external_id').notNull(),
		author: text('author'),
		/** 1–5, on the same 0–100 scale as ratings once rescaled. */
		stars: integer('stars'),
		title: text('title'),
		text: text('text').notNull(),
		reviewedAt: timestamp('reviewed_at').notNull(),
		/** As the file said, if it did; otherwise the detected language is in sentiment_language. */
		language: text('language'),
		clientId: integer('client_id').references(() => clients.id, { onDelete: 'set null' }),
		/** A location or product the review is about. */
		tag: text('tag'),
		importedAt: timestamp('imported_at').notNull(),
		...sentimentColumns()
	},
	(table) => [
		uniqueIndex('reviews_source_external_idx').on(table.source, table.externalId),
		index('reviews_reviewed_idx').on(table.reviewedAt),
		index('reviews_client_idx').on(table.clientId)
	]
);

export const answers = sqliteTable(
	'answers',
	{
		responseId: integer('response_id')
			.notNull()
			.references(() => responses.id, { onDelete: 'cascade' }),
		questionId: text('question_id').notNull(),
		/** 1–5 or 0–10; null when not applicable or not a scale question. */
		score: integer('score'),
		notApplicable: integer('not_applicable', { mode: 'boolean' }).notNull().default(false),
		text: text('text'),
		choices: text('choices', { mode: 'json' }).$type<string[]>(),
		...sentimentColumns()
	},
	(table) => [primaryKey({ columns: [table.responseId, table.questionId] })]
);

/** Sends one open survey to an audience by email, once or every month. */
export const campaigns = sqliteTable('campaigns', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	name: text('name').notNull(),
	surveyId: integer('survey_id')
		.notNull()
		.references(() => surveys.id, { onDelete: 'cascade' }),
	/** A saved segment, re-evaluated at every run; null for every reachable client. */
	segmentId: integer('segment_id').references(() => segments.id, { onDelete: 'set null' }),
	status: text('status', { enum: ['scheduled', 'done', 'cancelled'] }).notNull(),
	nextRunAt: timestamp('next_run_at'),
	recurrence: text('recurrence', { enum: ['once', 'monthly'] }).notNull(),
	fatigueDays: integer('fatigue_days').notNull(),
	expiresInDays: integer('expires_in_days').notNull(),
	/** Remind those who have not answered this many days after the last email; null for never. */
	reminderAfterDays: integer('reminder_after_days'),
	maxReminders: integer('max_reminders').notNull().default(0),
	/** Clients skipped at the last run, by reason: the campaign screen explains its audience. */
	skipped: text('skipped', { mode: 'json' }).$type<Record<string, number>>(),
	createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at').notNull(),
	lastRunAt: timestamp('last_run_at')
});

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

export const outboxStatuses = [
	'queued',
	'sending',
	'sent',
	'stored',
	'failed',
	'uncertain'
] as const;

/**
 * Emails waiting to go out, and what became of them. A message's text is rendered when it is
 * sent (its personal link is made valid then), so only outbox mode, which keeps mail instead of
 * sending it, stores bodies, with the personal link hidden (mail/personal-link.ts).
 */
export const outboxMessages = sqliteTable(
	'outbox_messages',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		invitationId: integer('invitation_id').references(() => invitations.id, {
			onDelete: 'cascade'
		}),
		/** Invitations and reminders are rendered when sent; notifications (cases, digests) are stored rendered. */
		kind: text('kind', { enum: ['invitation', 'reminder', 'notification'] })
			.notNull()
			.default('invitation'),
		toAddress: text('to_address').notNull(),
		status: text('status', { enum: outboxStatuses }).notNull(),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: timestamp('next_attempt_at').notNull(),
		/** The mail server's last answer: its acceptance, or why it refused. */
		serverResponse: text('server_response'),
		subject: text('subject'),
		textBody: text('text_body'),
		htmlBody: text('html_body'),
		createdAt: timestamp('created_at').notNull(),
		sentAt: timestamp('sent_at')
	},
	(table) => [index('outbox_due_idx').on(table.status, table.nextAttemptAt)]
);

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
		/** A comment's text, or what changed ("open → in progress"). */
		detail: text('detail').notNull(),
		at: timestamp('at').notNull()
	},
	(table) => [index('followup_events_case_idx').on(table.caseId, table.at)]
);

export const webhookEvents = [
	'response.completed',
	'followup.created',
	'followup.resolved',
	'review.imported'
] as const;

/** An owner's URL that hears about events, signed with its own secret. */
export const webhooks = sqliteTable('webhooks', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	url: text('url').notNull(),
	events: text('events', { mode: 'json' }).$type<(typeof webhookEvents)[number][]>().notNull(),
	/** The HMAC key: it must be kept to sign, and is shown to the owner only when created. */
	secret: text('secret').notNull(),
	createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at').notNull(),
	disabledAt: timestamp('disabled_at')
});

export const deliveryStatuses = ['queued', 'delivering', 'delivered', 'failed'] as const;

/** One event for one webhook, retried with backoff for up to 24 hours. */
export const webhookDeliveries = sqliteTable(
	'webhook_deliveries',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		webhookId: integer('webhook_id')
			.notNull()
			.references(() => webhooks.id, { onDelete: 'cascade' }),
		event: text('event', { enum: webhookEvents }).notNull(),
		/** Sent as the delivery's id: the receiver dedupes on it across retries and resends. */
		eventId: text('event_id').notNull(),
		payload: text('payload').notNull(),
		status: text('status', { enum: deliveryStatuses }).notNull(),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: timestamp('next_attempt_at').notNull(),
		lastStatusCode: integer('last_status_code'),
		lastError: text('last_error'),
		createdAt: timestamp('created_at').notNull(),
		deliveredAt: timestamp('delivered_at')
	},
	(table) => [
		index('webhook_deliveries_due_idx').on(table.status, table.nextAttemptAt),
		index('webhook_deliveries_webhook_idx').on(table.webhookId, table.createdAt)
	]
);

/** One row, rewritten by each health check: proof that the database still accepts a write. */
export const healthChecks = sqliteTable('health_checks', {
	id: integer('id').primaryKey(),
	checkedAt: timestamp('checked_at').notNull()
});

export type User = typeof users.$inferSelect;
export type Client = typeof clients.$inferSelect;
export type AttributeDefinition = typeof attributeDefinitions.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
