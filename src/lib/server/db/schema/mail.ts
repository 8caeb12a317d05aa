import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns';
import { invitations } from './invitations';
import { outboxNotes } from '../../../mail/outbox-note';

export const outboxStatuses = [
	'queued',
	'sending',
	'sent',
	'stored',
	'failed',
	'uncertain'
] as const;

/**
 * Emails waiting to go out, and what became of them. A message's text is rendered when it is
 * sent (its personal link is made valid then), so only outbox mode, which keeps mail instead of
 * sending it, stores bodies, with the personal link hidden (mail/personal-link.ts).
 */
export const outboxMessages = sqliteTable(
	'outbox_messages',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		invitationId: integer('invitation_id').references(() => invitations.id, {
			onDelete: 'cascade'
		}),
		/** Invitations and reminders are rendered when sent; notifications (cases, digests) are stored rendered. */
		kind: text('kind', { enum: ['invitation', 'reminder', 'notification'] })
			.notNull()
			.default('invitation'),
		toAddress: text('to_address').notNull(),
		status: text('status', { enum: outboxStatuses }).notNull(),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: timestamp('next_attempt_at').notNull(),
		/** The mail server's last answer: its acceptance, or why it refused. */
		serverResponse: text('server_response'),
		/** Satisfy's own note (kept, skipped, interrupted, queued again), worded when read; it wins over serverResponse. */
		note: text('note', { enum: outboxNotes }),
		subject: text('subject'),
		textBody: text('text_body'),
		htmlBody: text('html_body'),
		/** The language subject and body are written in (a language tag), so the outbox page can say so. */
		language: text('language'),
		/**
		 * A stored notification that speaks for the company to a client (a test invitation, an
		 * unsubscription's confirmation): its branding's sender name and reply-to, as rendered.
		 * Invitations and reminders take them from the branding when they are sent.
		 */
		senderName: text('sender_name'),
		replyTo: text('reply_to'),
		createdAt: timestamp('created_at').notNull(),
		sentAt: timestamp('sent_at'),
		/** The app node sending it while `sending` (worker/nodes.ts): another node sees when it died. */
		claimedBy: text('claimed_by')
	},
	(table) => [
		index('outbox_due_idx').on(table.status, table.nextAttemptAt),
		// The sending rate counts the last minute's sends: constant time however large the outbox grows.
		index('outbox_sent_idx').on(table.status, table.sentAt),
		// A campaign's recipients and a reminder's due check read an invitation's emails.
		index('outbox_invitation_idx').on(table.invitationId)
	]
);
