import { integer } from 'drizzle-orm/sqlite-core';

// Used by the tables of every area. index.ts leaves it out: it builds columns and is not one.
export const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });
