import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { closeDatabase, openDatabase } from '../db/open';
import { takeApiRequest } from './rate-limit';

// An app node of its own, for rate-limit.test.ts: run with DATABASE_URL naming the test database
// (so db/schema gives its engine's tables), it opens the database, says "ready", waits for a line
// on stdin, sends `requests` requests of one key at once and prints how many were allowed.

const [url, keyId, limit, requests, at] = process.argv.slice(2);
if (!url || !keyId || !limit || !requests || !at) throw new Error('url keyId limit requests at');
const db = await openDatabase(url);
console.log('ready');
await once(createInterface({ input: process.stdin }), 'line');
const answers = await Promise.all(
	Array.from({ length: Number(requests) }, () =>
		takeApiRequest(db, keyId, Number(limit), { now: new Date(Number(at)) })
	)
);
console.log(answers.filter(({ allowed }) => allowed).length);
await closeDatabase(db);
