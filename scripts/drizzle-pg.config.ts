import { defineConfig } from 'drizzle-kit';

// The PostgreSQL migrations, generated from the pg-core twins of the SQLite schema.
export default defineConfig({
	dialect: 'postgresql',
	schema: './src/lib/server/db/schema-pg',
	out: './drizzle-pg'
});
