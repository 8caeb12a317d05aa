import { engine } from './engine';
import * as sqlite from './schema';
import * as pg from './schema-pg';

// The tables services query, as the engine of this process has them (engine.ts). They are typed
// as the SQLite ones whatever the engine: schema-pg.test.ts checks the PostgreSQL twins have the
// same columns, JavaScript types and keys. In the spike only the tables with a twin are here; once
// every table has one, db/schema/index.ts itself makes this choice and services change nothing.

type Tables = Pick<typeof sqlite, keyof typeof pg>;

// The narrow cast the choice needs: pg-core tables are not sqlite-core tables to TypeScript.
const chosen: Tables = engine === 'postgres' ? (pg as unknown as Tables) : sqlite;

export const {
	users,
	sessions,
	passwordLinks,
	apiKeys,
	loginFailures,
	clients,
	tags,
	clientTags,
	attributeDefinitions,
	clientAttributes,
	segments,
	clientImports
} = chosen;
