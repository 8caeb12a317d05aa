export type Engine = 'sqlite' | 'postgres';

/** The engine a database URL names: postgres:// or postgresql:// is PostgreSQL, else a SQLite file. */
export const engineOf = (url: string): Engine =>
	/^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';

/**
 * This process's engine, decided once when first imported, from `DATABASE_URL` as config.ts reads
 * it: modules that build queries at import time (a `sql` fragment over a column, a map of sort
 * columns) then capture the right engine's tables.
 */
export const engine: Engine = engineOf(process.env.DATABASE_URL ?? '');
