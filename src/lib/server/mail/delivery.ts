import { and, asc, count, desc, eq, gte, inArray, lte, or } from 'drizzle-orm';
import { localeOf } from '../../i18n/locale';
import type { OutboxNote } from '../../mail/outbox-note';
import * as m from '../../paraglide/messages';
import { pickLanguage } from '../../respondent/language';
import { surveyDefinitionSchema } from '../../schemas/survey';
import { hashSecret } from '../auth/token';
import type { Db, Queryable } from '../db';
import { forUpdate } from '../db/dialect';
import { first } from '../db/queries';
import { clients, invitationLinks, invitations, outboxMessages, users } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { versionFor } from '../invitations/service';
import { invitationEmail, type RenderedEmail } from './invitation-email';
import { linkSecret } from './link-secret';
import { personalLinkToken, withLinkHidden, withLinkShown } from './personal-link';
import type { Mailer } from './transport';
import { handleClaimed } from '../worker/claimed-queue';
import { thisNode } from '../worker/lease';
import { abandonedBy } from '../worker/nodes';
import { repeatEvery } from '../worker/loop';

/** Tries per message before it is marked failed; retries wait 1, 2, 4, 8, 16 times the base pause. */
export const MAX_ATTEMPTS = 6;
const MINUTE = 60 * 1000;
/** Emails in flight at once: enough to keep the pooled connections busy. */
const SENDS_AT_ONCE = 8;

/**
 * A message marked "sending" by a node that died (a crash, a kill: worker/nodes.ts) may or may not
 * have reached the mail server. Sending it again could deliver it twice, so it is set aside as
 * uncertain for a person to look at. Messages of living nodes, this one included, are theirs to
 * finish.
 */
export async function recoverInterruptedSends(db: Db, now = new Date()): Promise<number> {
	return inTransaction(db, async (tx) => {
		const recovered = await tx
			.update(outboxMessages)
			.set({
				status: 'uncertain',
				note: 'interrupted'
			})
			.where(and(eq(outboxMessages.status, 'sending'), abandonedBy(outboxMessages.claimedBy, now)))
			.returning({ id: outboxMessages.id });
		return recovered.length;
	});
}

/** `retryBaseMs`: the pause before the first retry (a minute unless configured), doubling each time. */
type Delivery = {
	mailer: Mailer | null;
	origin: string;
	ratePerMinute: number;
	retryBaseMs?: number;
	now?: Date;
};

type QueuedMessage = {
	id: number;
	invitationId: number | null;
	kind: 'invitation' | 'reminder' | 'notification';
	toAddress: string;
	attempts: number;
	subject: string | null;
	textBody: string | null;
	htmlBody: string | null;
	language: string | null;
};

/**
 * The next messages due now, at most `SENDS_AT_ONCE` and within the per-minute rate, claimed: one
 * transaction reads the rate and the queue and turns the messages it takes from queued to sending,
 * so only one worker sends each, however many nodes run. It commits before any is sent. Few at a
 * time, so that a node that dies leaves no more than those it was sending in doubt.
 */
function claimDue(db: Db, now: Date, ratePerMinute: number): Promise<QueuedMessage[]> {
	return inTransaction(db, async (tx) => {
		const sentOrSending =
			(
				await first(
					tx
						.select({ n: count() })
						.from(outboxMessages)
						.where(
							or(
								and(
									inArray(outboxMessages.status, ['sent', 'stored']),
									gte(outboxMessages.sentAt, new Date(now.getTime() - MINUTE))
								),
								// Other nodes' messages in flight count against the rate as well.
								eq(outboxMessages.status, 'sending')
							)
						)
				)
			)?.n ?? 0;
		const budget = Math.min(ratePerMinute - sentOrSending, SENDS_AT_ONCE);
		if (budget <= 0) return [];
		const due = await forUpdate(
			tx
				.select({
					id: outboxMessages.id,
					invitationId: outboxMessages.invitationId,
					kind: outboxMessages.kind,
					toAddress: outboxMessages.toAddress,
					attempts: outboxMessages.attempts,
					subject: outboxMessages.subject,
					textBody: outboxMessages.textBody,
					htmlBody: outboxMessages.htmlBody,
					language: outboxMessages.language
				})
				.from(outboxMessages)
				.where(and(eq(outboxMessages.status, 'queued'), lte(outboxMessages.nextAttemptAt, now)))
				.orderBy(asc(outboxMessages.nextAttemptAt))
				.limit(budget),
			{ skipLocked: true }
		);
		if (!due.length) return [];
		const claimed = await tx
			.update(outboxMessages)
			.set({ status: 'sending', claimedBy: thisNode })
			.where(
				and(
					inArray(
						outboxMessages.id,
						due.map((message) => message.id)
					),
					eq(outboxMessages.status, 'queued')
				)
			)
			.returning({ id: outboxMessages.id });
		const ids = new Set(claimed.map(({ id }) => id));
		return due.filter((message) => ids.has(message.id));
	});
}

/** The email to send, and the token of its personal link when it has one (never to be stored). */
type Prepared = { email: RenderedEmail; token: string | null } | { skip: OutboxNote };

async function prepareMessage(
	db: Queryable,
	message: QueuedMessage,
	origin: string,
	secret: Uint8Array
): Promise<Prepared> {
	if (message.kind === 'notification') {
		if (!message.subject || !message.textBody) return { skip: 'nothingToSend' };
		return {
			email: {
				subject: message.subject,
				text: message.textBody,
				html: message.htmlBody ?? '',
				// Rendered and stored by enqueueNotification in its recipient's language.
				language: message.language ?? '',
				headers: {}
			},
			token: null
		};
	}
	return message.invitationId
		? prepare(db, message.invitationId, message.kind, origin, personalLinkToken(secret, message.id))
		: { skip: 'nothingToSend' };
}

/**
 * Everything needed to write one invitation email; its personal link is made valid here, at
 * sending. The token is the message's own (personal-link.ts), so a retry stores the same hash again.
 */
async function prepare(
	db: Queryable,
	invitationId: number,
	kind: 'invitation' | 'reminder',
	origin: string,
	token: string
): Promise<Prepared> {
	const row = await first(
		db
			.select({ invitation: invitations, client: clients, accountManager: users.name })
			.from(invitations)
			.innerJoin(clients, eq(clients.id, invitations.clientId))
			.leftJoin(users, eq(users.id, clients.accountManagerId))
			.where(eq(invitations.id, invitationId))
	);
	if (!row) return { skip: 'clientErased' };
	if (row.client.unsubscribedAt) return { skip: 'clientUnsubscribed' };
	const { definition } = await versionFor(db, invitationId, row.invitation.surveyId);
	// The first email's link replaces the unknowable placeholder; a reminder adds a link, so earlier ones keep working.
	if (kind === 'reminder')
		await db
			.insert(invitationLinks)
			.values({ tokenHash: hashSecret(token), invitationId, createdAt: new Date() })
			.onConflictDoNothing();
	else
		await db
			.update(invitations)
			.set({ tokenHash: hashSecret(token) })
			.where(eq(invitations.id, invitationId));
	const language = pickLanguage(
		definition.languages,
		definition.defaultLanguage,
		[row.client.language],
		null
	);
	const email = invitationEmail({
		definition: surveyDefinitionSchema.parse(definition),
		language,
		clientName: row.client.name,
		accountManagerName: row.accountManager,
		link: new URL(`/s/${token}`, origin).toString()
	});
	return {
		email:
			kind === 'reminder'
				? {
						...email,
						subject: `${m.respondent_reminder_prefix({}, { locale: localeOf(language) })} ${email.subject}`
					}
				: email,
		token
	};
}

/**
 * Sends what is due, within the per-minute rate. Without a mailer (outbox mode) messages are kept,
 * readable under Settings → Outbox. Returns how many messages were handled.
 */
export async function deliverDue(db: Db, delivery: Delivery): Promise<number> {
	const now = delivery.now ?? new Date();
	const secret = await linkSecret(db);
	const sendOne = async (message: QueuedMessage) => {
		const attempts = message.attempts + 1;
		// Every outcome replaces the note and the answer of the attempt before.
		const finish = (tx: Queryable, values: Partial<typeof outboxMessages.$inferInsert>) =>
			tx
				.update(outboxMessages)
				.set({ attempts, note: null, serverResponse: null, ...values })
				.where(eq(outboxMessages.id, message.id));
		const markSent = (tx: Queryable, sentAt: Date) =>
			tx.update(invitations).set({ sentAt }).where(eq(invitations.id, message.invitationId!));
		// The personal link is made valid (its hash stored) and committed before the email leaves.
		const prepared = await inTransaction(db, async (tx) => {
			const prepared = await prepareMessage(tx, message, delivery.origin, secret);
			if ('skip' in prepared) await finish(tx, { status: 'failed', note: prepared.skip });
			return prepared;
		});
		if ('skip' in prepared) return;
		const sentAt = now;
		// What is kept reads as sent, with a personal link that opens nothing: whoever reads the outbox must not answer as the client.
		const kept = (text: string) => (prepared.token ? withLinkHidden(text, prepared.token) : text);
		const mailer = delivery.mailer;
		if (!mailer) {
			await inTransaction(db, async (tx) => {
				await finish(tx, {
					status: 'stored',
					subject: kept(prepared.email.subject),
					textBody: kept(prepared.email.text),
					htmlBody: kept(prepared.email.html),
					language: prepared.email.language,
					sentAt,
					note: 'kept'
				});
				if (message.invitationId) await markSent(tx, sentAt);
			});
			return;
		}
		// Sent outside any transaction; its outcome is recorded in the next one.
		const outcome = await mailer.send(message.toAddress, prepared.email);
		await inTransaction(db, async (tx) => {
			if (outcome.ok) {
				// Nothing of a sent body is kept (a notification's was stored to be sent): the mailbox has it.
				await finish(tx, {
					status: 'sent',
					subject: kept(prepared.email.subject),
					language: prepared.email.language,
					textBody: null,
					htmlBody: null,
					sentAt,
					serverResponse: outcome.response
				});
				if (message.invitationId) await markSent(tx, sentAt);
			} else if (outcome.permanent || attempts >= MAX_ATTEMPTS) {
				await finish(tx, { status: 'failed', serverResponse: outcome.response });
			} else {
				await finish(tx, {
					status: 'queued',
					serverResponse: outcome.response,
					nextAttemptAt: new Date(
						now.getTime() + 2 ** (attempts - 1) * (delivery.retryBaseMs ?? MINUTE)
					)
				});
			}
		});
	};
	// A few at a time until none is due or the rate is spent.
	let handled = 0;
	for (;;) {
		const claimed = await handleClaimed(
			() => claimDue(db, now, delivery.ratePerMinute),
			sendOne,
			SENDS_AT_ONCE
		);
		handled += claimed;
		if (claimed < SENDS_AT_ONCE) return handled;
	}
}

/**
 * The newest messages, as Settings → Outbox shows them: personal links hidden, unless `showLinks`
 * (OUTBOX_SHOWS_LINKS, demos and development) re-derives them from each message's id.
 */
export async function recentOutbox(db: Db, { limit = 100, showLinks = false } = {}) {
	const messages = await db
		.select()
		.from(outboxMessages)
		.orderBy(desc(outboxMessages.id))
		.limit(limit);
	if (!showLinks) return messages;
	const secret = await linkSecret(db);
	return messages.map((message) => {
		if (message.kind === 'notification') return message;
		const shown = (text: string | null) =>
			text && withLinkShown(text, personalLinkToken(secret, message.id));
		return {
			...message,
			subject: shown(message.subject),
			textBody: shown(message.textBody),
			htmlBody: shown(message.htmlBody)
		};
	});
}

/** Sends due mail every `everyMs` (OUTBOX_POLL_SECONDS), one round at a time, for as long as the server runs. */
export const startOutboxWorker = (db: Db, delivery: Omit<Delivery, 'now'>, everyMs = 2000) =>
	repeatEvery('mail', everyMs, () => deliverDue(db, delivery));
