// The PostgreSQL tables, by area as in ../schema/index.ts (which services import); drizzle-kit
// reads this folder for the drizzle-pg/ migrations (scripts/drizzle-pg.config.ts).
export * from './auth';
export * from './clients';
