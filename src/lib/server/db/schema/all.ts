// The SQLite tables by area, each file named after the part of src/lib/server that uses them
// (clients/, mail/, jobs.ts…); drizzle-kit reads the whole folder (scripts/drizzle.config.ts).
// Code imports `$lib/server/db/schema` (index.ts), which gives the engine's tables. A table that
// references another area's table imports that area's file, never this one, so the files import
// one another without cycles.
export * from './auth';
export * from './clients';
export * from './privacy';
export * from './audit-log';
export * from './models';
export * from './surveys';
export * from './responses';
export * from './analytics';
export * from './jobs';
// sentimentColumns only builds the tone columns of answers and reviews: it stays in the folder.
export { sentimentLabels, type SentimentDetail } from './sentiment';
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
