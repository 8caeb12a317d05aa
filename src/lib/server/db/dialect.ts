import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { engine } from './engine';

/**
 * A text column compared and sorted regardless of case, the way its index is built: SQLite's
 * `collate nocase` (ASCII letters only), PostgreSQL's `lower(…)` (all of Unicode).
 */
export const caseless = (column: AnyColumn): SQL =>
	engine === 'postgres' ? sql`lower(${column})` : sql`${column} collate nocase`;

/**
 * A select whose rows stay locked until the transaction ends, for a read that decides a write:
 * PostgreSQL's READ COMMITTED lets two transactions read the same value otherwise. SQLite's
 * builders have no `for`: there one transaction writes at a time anyway.
 */
export function forUpdate<Query extends object>(query: Query): Query {
	const lockable = query as Query & { for?: (strength: 'update') => Query };
	return lockable.for ? lockable.for('update') : query;
}
