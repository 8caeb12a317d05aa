import { afterAll } from 'vitest';
import { dropTestDatabases } from '../src/lib/server/db/test-database';

// The `server-pg` project's tests on PostgreSQL: each file's databases go when the file is done.
afterAll(dropTestDatabases);
