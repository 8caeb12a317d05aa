import { engine } from '../engine';
import * as pgTables from '../schema-pg';
import * as sqliteTables from './all';

// What services import: the enums, types and constants of the SQLite area files, and the tables
// of this process's engine (engine.ts, chosen once from DATABASE_URL before anything is built on
// them). The tables are typed as the SQLite ones whatever the engine: schema-pg.test.ts checks
// the PostgreSQL twins have the same columns, JavaScript types and keys, and tables.pg.test.ts
// that every table below is the engine's. A name listed here shadows the star export.
export * from './all';

// The narrow cast the choice needs: pg-core tables are not sqlite-core tables to TypeScript.
const chosen = (engine === 'postgres' ? pgTables : sqliteTables) as unknown as typeof sqliteTables;

export const {
	analyticsNames,
	answers,
	apiKeys,
	apiRateWindows,
	attributeDefinitions,
	auditLog,
	backgroundJobs,
	branding,
	campaigns,
	clientAttributes,
	clientImports,
	clientTags,
	clients,
	csiCells,
	csiModels,
	dashboardSettings,
	factorWeights,
	factors,
	followupCases,
	followupEvents,
	followupRules,
	followupSettings,
	healthChecks,
	invitationClicks,
	invitationLinks,
	invitations,
	loginFailures,
	modelVersions,
	outboxMessages,
	passwordLinks,
	privacySettings,
	recoveryCodes,
	reportSubscriptions,
	responseDrafts,
	responseSegments,
	responseTags,
	responses,
	reviews,
	scoreChunks,
	segments,
	sessions,
	signInChallenges,
	signInSettings,
	ssoLogins,
	staleScoreChunks,
	staleToneChunks,
	surveyVersions,
	surveys,
	tags,
	toneChunks,
	topics,
	totpCredentials,
	userScopes,
	users,
	webhookDeliveries,
	webhooks,
	workerLeases
} = chosen;
