// The PostgreSQL tables, by area as in ../schema/index.ts (which services import); drizzle-kit
// reads this folder for the drizzle-pg/ migrations (scripts/drizzle-pg.config.ts).
export * from './auth';
export * from './clients';
export * from './privacy';
export * from './audit-log';
export * from './models';
export * from './surveys';
export * from './responses';
export * from './analytics';
export * from './jobs';
export * from './reviews';
export * from './topics';
export * from './campaigns';
export * from './invitations';
export * from './mail';
export * from './followups';
export * from './webhooks';
export * from './health';
export * from './reports';
export * from './scopes';
export * from './branding';
