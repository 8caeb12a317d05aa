import { and, asc, count, desc, eq, gte, inArray, lte, or, sql } from 'drizzle-orm';
import { localeOf } from '../../i18n/locale';
import type { OutboxNote } from '../../mail/outbox-note';
import * as m from '../../paraglide/messages';
import { pickLanguage } from '../../respondent/language';
import { hashSecret } from '../auth/token';
import type { Db } from '../db';
import { forUpdate } from '../db/dialect';
import { preparedWrite } from '../db/prepared';
import { first } from '../db/queries';
import { clients, invitationLinks, invitations, outboxMessages, users } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { versionFor } from '../invitations/service';
import { currentBranding } from '../branding/read';
import { invitationEmail, type RenderedEmail } from './invitation-email';
import { linkSecret } from './link-secret';
import { personalLinkToken, withLinkHidden, withLinkShown } from './personal-link';
import type { Mailer, SendOutcome } from './transport';
import { thisNode } from '../worker/lease';
import { abandonedBy } from '../worker/nodes';
import { repeatEvery } from '../worker/loop';

/** Tries per message before it is marked failed; retries wait 1, 2, 4, 8, 16 times the base pause. */
export const MAX_ATTEMPTS = 6;
const MINUTE = 60 * 1000;
/** Emails claimed together and in flight at once: enough to keep the pooled connections busy. */
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

/**
 * The steps of a round, in milliseconds added up over the rounds: the claim (with the personal
 * links made valid), rendering, the SMTP conversation, and recording the outcomes.
 */
export type DeliverySteps = { claim: number; render: number; send: number; record: number };

/**
 * `retryBaseMs`: the pause before the first retry (a minute unless configured), doubling each time.
 * `steps`: where the time goes, for the benchmark.
 */
type Delivery = {
	mailer: Mailer | null;
	origin: string;
	ratePerMinute: number;
	retryBaseMs?: number;
	now?: Date;
	steps?: DeliverySteps;
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
	senderName: string | null;
	replyTo: string | null;
};

/**
 * The next messages due now, at most `SENDS_AT_ONCE` and within the per-minute rate, claimed in
 * the caller's transaction: it reads the rate and the queue and turns the messages it takes from
 * queued to sending, so only one worker sends each, however many nodes run. The transaction
 * commits before any is sent. Few at a time, so that a node that dies leaves no more than those it
 * was sending in doubt.
 */
async function claimDue(tx: Db, now: Date, ratePerMinute: number): Promise<QueuedMessage[]> {
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
				language: outboxMessages.language,
				senderName: outboxMessages.senderName,
				replyTo: outboxMessages.replyTo
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
}

/**
 * A claimed message ready to go: `render` writes its email (no I/O, run after the claim commits),
 * `token` is its personal link's (never to be stored).
 */
type Prepared = { message: QueuedMessage; render: () => RenderedEmail; token: string | null };

/** Records the outcome of a message's attempt; every outcome replaces the note and the answer of the attempt before. */
const finish = (
	tx: Db,
	message: QueuedMessage,
	values: Partial<typeof outboxMessages.$inferInsert>
) =>
	tx
		.update(outboxMessages)
		.set({ attempts: message.attempts + 1, note: null, serverResponse: null, ...values })
		.where(eq(outboxMessages.id, message.id));

// Every invitation email stores its link's hash: statements prepared once per connection.
const storeInvitationToken = preparedWrite('store_invitation_token', (db) =>
	db
		.update(invitations)
		.set({ tokenHash: sql`${sql.placeholder('tokenHash')}` })
		.where(eq(invitations.id, sql.placeholder('invitationId')))
);
const storeReminderToken = preparedWrite('store_reminder_token', (db) =>
	db
		.insert(invitationLinks)
		.values({
			tokenHash: sql.placeholder('tokenHash'),
			invitationId: sql.placeholder('invitationId'),
			createdAt: sql.placeholder('createdAt')
		})
		.onConflictDoNothing()
);

/**
 * Everything needed to write the claimed messages, read in the claim's transaction; the personal
 * link of each invitation email is made valid here, committed before the email leaves. The token
 * is the message's own (personal-link.ts), so a retry stores the same hash again. A message with
 * nothing to send (its client erased or unsubscribed since) is marked failed with the reason.
 */
async function prepareClaimed(
	tx: Db,
	claimed: QueuedMessage[],
	origin: string,
	secret: Uint8Array,
	now: Date
): Promise<Prepared[]> {
	const invitationIds = claimed.flatMap(({ kind, invitationId }) =>
		kind !== 'notification' && invitationId ? [invitationId] : []
	);
	const recipients = new Map(
		(invitationIds.length
			? await tx
					.select({
						invitationId: invitations.id,
						surveyId: invitations.surveyId,
						clientName: clients.name,
						clientLanguage: clients.language,
						unsubscribedAt: clients.unsubscribedAt,
						expiresAt: invitations.expiresAt,
						accountManager: users.name
					})
					.from(invitations)
					.innerJoin(clients, eq(clients.id, invitations.clientId))
					.leftJoin(users, eq(users.id, clients.accountManagerId))
					.where(inArray(invitations.id, invitationIds))
			: []
		).map((row) => [row.invitationId, row])
	);
	// The company the invitations speak for, read once per claim.
	const branding = await currentBranding(tx);
	const prepared: Prepared[] = [];
	const skip = (message: QueuedMessage, note: OutboxNote) =>
		finish(tx, message, { status: 'failed', note });
	for (const message of claimed) {
		if (message.kind === 'notification') {
			const { subject, textBody, htmlBody, language, senderName, replyTo } = message;
			if (!subject || !textBody) await skip(message, 'nothingToSend');
			else
				prepared.push({
					message,
					// Rendered and stored by enqueueNotification in its recipient's language.
					render: () => ({
						subject,
						text: textBody,
						html: htmlBody ?? '',
						language: language ?? '',
						headers: {},
						senderName: senderName ?? undefined,
						replyTo: replyTo ?? undefined
					}),
					token: null
				});
			continue;
		}
		const recipient = message.invitationId ? recipients.get(message.invitationId) : undefined;
		if (!message.invitationId || !recipient) {
			await skip(message, message.invitationId ? 'clientErased' : 'nothingToSend');
			continue;
		}
		if (recipient.unsubscribedAt) {
			await skip(message, 'clientUnsubscribed');
			continue;
		}
		const { invitationId, kind } = message;
		const { definition } = await versionFor(tx, invitationId, recipient.surveyId);
		const token = personalLinkToken(secret, message.id);
		const tokenHash = hashSecret(token);
		// The first email's link replaces the unknowable placeholder; a reminder adds a link, so earlier ones keep working.
		if (kind === 'reminder')
			await storeReminderToken(tx, { tokenHash, invitationId, createdAt: now });
		else await storeInvitationToken(tx, { tokenHash, invitationId });
		prepared.push({
			message,
			token,
			render: () => {
				const language = pickLanguage(
					definition.languages,
					definition.defaultLanguage,
					[recipient.clientLanguage],
					null
				);
				const email = invitationEmail({
					definition,
					language,
					clientName: recipient.clientName,
					accountManagerName: recipient.accountManager,
					link: new URL(`/s/${token}`, origin).toString(),
					deadline: recipient.expiresAt,
					branding
				});
				return kind === 'reminder'
					? {
							...email,
							subject: `${m.respondent_reminder_prefix({}, { locale: localeOf(language) })} ${email.subject}`
						}
					: email;
			}
		});
	}
	return prepared;
}

/** What became of an email this round, to be recorded: the server's answer, or none in outbox mode. */
type Outcome = {
	message: QueuedMessage;
	email: RenderedEmail;
	token: string | null;
	sent: SendOutcome | null;
};

// A sent email is by far the most common outcome: its statement is prepared once per connection.
const recordSent = preparedWrite('record_outbox_sent', (db) =>
	db
		.update(outboxMessages)
		.set({
			status: 'sent',
			attempts: sql`${sql.placeholder('attempts')}`,
			note: null,
			subject: sql`${sql.placeholder('subject')}`,
			language: sql`${sql.placeholder('language')}`,
			// Nothing of a sent body is kept (a notification's was stored to be sent): the mailbox has it.
			textBody: null,
			htmlBody: null,
			// A placeholder inside sql`` is bound as given: the column's milliseconds, not a Date.
			sentAt: sql`${sql.placeholder('sentAtMs')}`,
			serverResponse: sql`${sql.placeholder('serverResponse')}`
		})
		.where(eq(outboxMessages.id, sql.placeholder('id')))
);

/**
 * The outcomes of a round, in one transaction after its last email: sent, kept, failed, or queued
 * again with backoff, each message on its own. Until it commits the messages stay "sending", so a
 * node that dies meanwhile leaves them uncertain (recoverInterruptedSends), never to be sent twice.
 */
async function recordOutcomes(tx: Db, outcomes: Outcome[], now: Date, retryBaseMs: number) {
	const sentInvitations: number[] = [];
	for (const { message, email, token, sent } of outcomes) {
		const attempts = message.attempts + 1;
		// What is kept reads as sent, with a personal link that opens nothing: whoever reads the outbox must not answer as the client.
		const kept = (text: string) => (token ? withLinkHidden(text, token) : text);
		if (!sent)
			await finish(tx, message, {
				status: 'stored',
				subject: kept(email.subject),
				textBody: kept(email.text),
				htmlBody: kept(email.html),
				language: email.language,
				sentAt: now,
				note: 'kept'
			});
		else if (sent.ok)
			await recordSent(tx, {
				id: message.id,
				attempts,
				subject: kept(email.subject),
				language: email.language,
				sentAtMs: now.getTime(),
				serverResponse: sent.response
			});
		else if (sent.permanent || attempts >= MAX_ATTEMPTS)
			await finish(tx, message, { status: 'failed', serverResponse: sent.response });
		else
			await finish(tx, message, {
				status: 'queued',
				serverResponse: sent.response,
				nextAttemptAt: new Date(now.getTime() + 2 ** (attempts - 1) * retryBaseMs)
			});
		if (message.invitationId && (!sent || sent.ok)) sentInvitations.push(message.invitationId);
	}
	if (sentInvitations.length)
		await tx
			.update(invitations)
			.set({ sentAt: now })
			.where(inArray(invitations.id, sentInvitations));
}

/**
 * Sends what is due, within the per-minute rate. Without a mailer (outbox mode) messages are kept,
 * readable under Settings → Outbox. Returns how many messages were handled.
 */
export async function deliverDue(db: Db, delivery: Delivery): Promise<number> {
	const now = delivery.now ?? new Date();
	const secret = await linkSecret(db);
	const { mailer, steps } = delivery;
	const timed = async <T>(step: keyof DeliverySteps, work: () => T | Promise<T>): Promise<T> => {
		const start = performance.now();
		try {
			return await work();
		} finally {
			if (steps) steps[step] += performance.now() - start;
		}
	};
	// A few at a time until none is due or the rate is spent: two transactions per round.
	let handled = 0;
	for (;;) {
		const { claimed, prepared } = await timed('claim', () =>
			inTransaction(db, async (tx) => {
				const claimed = await claimDue(tx, now, delivery.ratePerMinute);
				return {
					claimed: claimed.length,
					prepared: await prepareClaimed(tx, claimed, delivery.origin, secret, now)
				};
			})
		);
		handled += claimed;
		if (prepared.length) {
			const rendered = await timed('render', () =>
				prepared.map(({ message, render, token }) => ({ message, token, email: render() }))
			);
			// Sent outside any transaction, all at once (the transport's pool queues what its
			// connections cannot take yet); the outcomes are recorded in the next one.
			const outcomes = await timed('send', () =>
				Promise.all(
					rendered.map(async (item): Promise<Outcome> => ({
						...item,
						sent: mailer && (await mailer.send(item.message.toAddress, item.email))
					}))
				)
			);
			await timed('record', () =>
				inTransaction(db, (tx) => recordOutcomes(tx, outcomes, now, delivery.retryBaseMs ?? MINUTE))
			);
		}
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
