/** `npm run demo`, after the build: seed the demo workspace, then serve it. */
import { readConfig } from '../src/lib/server/config';
import { closeSqlite, openSqlite } from '../src/lib/server/db/sqlite-connections';
import { installSubscribers } from '../src/lib/server/events/subscribers';
import { seedDemo } from '../src/lib/server/demo/seed';

// What follows from recorded responses (cells, tone, cases) is written as in the server.
installSubscribers();

const port = process.env.PORT ?? '3000';
// adapter-node assumes https when ORIGIN is unset, which would refuse every form on plain http.
process.env.ORIGIN ??= `http://localhost:${port}`;
// So that a survey can be tried from Settings → Outbox; a real server keeps personal links hidden there.
process.env.OUTBOX_SHOWS_LINKS ??= 'true';

const db = openSqlite(readConfig().databaseUrl);
await seedDemo(db, (line) => console.log(line), process.env.ORIGIN);
closeSqlite(db);

console.log(`Open ${process.env.ORIGIN} and sign in as owner@demo.test.`);
await import('./serve.js');
