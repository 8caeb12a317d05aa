import { sql } from 'drizzle-orm';
import type { Queryable } from '../db';
import { first } from '../db/queries';
import { preparedInsert } from '../db/prepared';
import { outboxMessages } from '../db/schema';
import type { RenderedEmail } from './invitation-email';

/*
 * Putting mail in the outbox, in the caller's transaction (`db` is its `tx`): it goes out if and
 * only if the change that asked for it commits. Sending is delivery.ts's job; this side depends
 * on nothing else.
 */

// A campaign queues one per client: prepared once per connection (the writer's, as it runs in
// the caller's transaction).
const queueInvitationEmail = preparedInsert(
	'queue_invitation_email',
	(db) =>
		db.insert(outboxMessages).values({
			invitationId: sql.placeholder('invitationId'),
			kind: sql.placeholder('kind'),
			toAddress: sql.placeholder('toAddress'),
			status: 'queued',
			nextAttemptAt: sql.placeholder('nextAttemptAt'),
			createdAt: sql.placeholder('createdAt')
		}),
	outboxMessages.id
);

/** An invitation or reminder, rendered at sending: its personal link is minted then. */
export async function enqueueInvitationEmail(
	db: Queryable,
	invitation: { id: number; toAddress: string; sendAt: Date; kind?: 'invitation' | 'reminder' },
	now = new Date()
): Promise<number> {
	return queueInvitationEmail(db, {
		invitationId: invitation.id,
		kind: invitation.kind ?? 'invitation',
		toAddress: invitation.toAddress,
		nextAttemptAt: invitation.sendAt,
		createdAt: now
	});
}

/** A notification (a new case, a digest, a client's unsubscription): rendered now, since it holds no secret to mint. */
export async function enqueueNotification(
	db: Queryable,
	toAddress: string,
	email: Omit<RenderedEmail, 'headers'>,
	now = new Date()
): Promise<number> {
	const queued = await first(
		db
			.insert(outboxMessages)
			.values({
				kind: 'notification',
				toAddress,
				status: 'queued',
				nextAttemptAt: now,
				createdAt: now,
				subject: email.subject,
				textBody: email.text,
				htmlBody: email.html,
				language: email.language,
				senderName: email.senderName,
				replyTo: email.replyTo
			})
			.returning({ id: outboxMessages.id })
	);
	return queued!.id;
}
