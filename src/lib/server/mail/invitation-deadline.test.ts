import { afterEach, beforeEach, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { surveyDefinitionSchema } from '../../schemas/survey';
import type { Db } from '../db';
import { first } from '../db/queries';
import { outboxMessages } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import { saveClients } from '../clients/save';
import { clientInput } from '../clients/test-clients';
import { inviteClient } from '../invitations/service';
import { changeStatus, createSurvey } from '../surveys/service';
import { deliverDue } from './delivery';
import { enqueueInvitationEmail } from './queue';

let db: Db;
let remove: () => Promise<void>;

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
});
afterEach(() => remove());

it('writes the invitation’s own deadline into {{deadline}} of the email it sends', async () => {
	const definition = surveyDefinitionSchema.parse({
		defaultLanguage: 'en',
		languages: ['en'],
		title: { en: 'Support check' },
		email: { body: { en: 'Hi {{client.name}},\n\n{{link}}\n\nPlease answer by {{deadline}}.' } },
		pages: [{ id: 'p1', questions: [{ id: 'overall', type: 'overall', text: { en: 'Overall?' } }] }]
	});
	const surveyId = await createSurvey(db, { name: 'Support', modelId: null, definition }, null);
	await changeStatus(db, surveyId, 'open');
	await saveClients(db, [clientInput({ email: 'eve@example.com', name: 'Eve', consent: true })], {
		onExisting: 'reject',
		actor: {},
		source: 'test'
	});
	const invited = await inviteClient(db, {
		surveyId,
		client: { email: 'eve@example.com' },
		channel: 'email',
		fatigueDays: 30,
		expiresAt: new Date(Date.UTC(2031, 2, 9, 12))
	});
	if (!invited.ok) throw new Error(invited.message);
	const messageId = await inTransaction(db, (tx) =>
		enqueueInvitationEmail(tx, {
			id: invited.invitationId,
			toAddress: 'eve@example.com',
			sendAt: invited.sendAt
		})
	);
	// Outbox mode keeps the email as it was written.
	await deliverDue(db, { mailer: null, origin: 'https://satisfy.example', ratePerMinute: 100 });
	const kept = await first(
		db.select().from(outboxMessages).where(eq(outboxMessages.id, messageId))
	);
	expect(kept?.textBody).toContain('Please answer by 9 March 2031.');
});
