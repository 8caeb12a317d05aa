import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { closeDatabase, openDatabase } from '../db/open';
import { deliverDue } from './delivery';
import { smtpMailer } from './transport';

// An app node of its own, for delivery.test.ts: run with DATABASE_URL naming the test database
// (so db/schema gives its engine's tables), it opens the database, says "ready", waits for a line
// on stdin, sends what is due to the SMTP server at `smtpUrl` until nothing is left and prints how
// many messages it handled.

const [url, smtpUrl] = process.argv.slice(2);
if (!url || !smtpUrl) throw new Error('url smtpUrl');
const db = await openDatabase(url);
const mailer = smtpMailer(smtpUrl, 'surveys@satisfy.example');
console.log('ready');
await once(createInterface({ input: process.stdin }), 'line');
let handled = 0;
for (;;) {
	const round = await deliverDue(db, {
		mailer,
		origin: 'https://satisfy.example',
		ratePerMinute: 1000
	});
	if (!round) break;
	handled += round;
}
console.log(handled);
mailer.close();
await closeDatabase(db);
