import { readConfig } from '../src/lib/server/config';
import { createDb } from '../src/lib/server/db';
import { seedDemo } from '../src/lib/server/demo/seed';

const db = createDb(readConfig().databaseUrl);
await seedDemo(db, (line) => console.log(line));
db.$client.close();
console.log('Open http://localhost:3000 and sign in as owner@demo.test.');
