/**
 * Seeds a database file with the demo workspace, as `npm run demo` does, for specs that check what
 * its users see on it (dashboard-truth.spec.ts, scoped-access.spec.ts). Every demo user gets the
 * known password; the owner also an API key, printed as JSON with the owner's email.
 * `tsx --import ./scripts/svelte-register.mjs tests/e2e/demo-seed.ts <database file> <password>`
 */
import { createApiKey } from '../../src/lib/server/api-keys/service';
import { closeSqlite, openSqlite } from '../../src/lib/server/db/sqlite-connections';
import { demoUsers, seedDemo } from '../../src/lib/server/demo/seed';
import { installSubscribers } from '../../src/lib/server/events/subscribers';
import { createUser } from '../../src/lib/server/users/service';

const [path, password] = process.argv.slice(2);
installSubscribers();
const db = openSqlite(path!);
const owner = demoUsers.find(({ role }) => role === 'owner')!;
for (const user of demoUsers) {
	const created = await createUser(db, { ...user, password: password! });
	if (!created.ok) throw new Error(created.message);
}
await seedDemo(db, () => {});
const { key } = await createApiKey(db, { name: 'dashboard truth', role: 'owner', createdBy: null });
closeSqlite(db);
console.log(JSON.stringify({ email: owner.email, apiKey: key }));
