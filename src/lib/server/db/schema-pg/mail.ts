import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { outboxNotes } from '../../../mail/outbox-note';
import { outboxStatuses } from '../schema/mail';
import { timestamp } from './columns';
import { invitations } from './invitations';

// The PostgreSQL twin of ../schema/mail.ts; schema-pg.test.ts checks they match.

export const outboxMessages = pgTable(
	'outbox_messages',
	{
		id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
		invitationId: integer('invitation_id').references(() => invitations.id, {
			onDelete: 'cascade'
		}),
		kind: text('kind', { enum: ['invitation', 'reminder', 'notification'] })
			.notNull()
			.default('invitation'),
		toAddress: text('to_address').notNull(),
		status: text('status', { enum: outboxStatuses }).notNull(),
		attempts: integer('attempts').notNull().default(0),
		nextAttemptAt: timestamp('next_attempt_at').notNull(),
		serverResponse: text('server_response'),
		note: text('note', { enum: outboxNotes }),
		subject: text('subject'),
		textBody: text('text_body'),
		htmlBody: text('html_body'),
		language: text('language'),
		senderName: text('sender_name'),
		replyTo: text('reply_to'),
		createdAt: timestamp('created_at').notNull(),
		sentAt: timestamp('sent_at'),
		claimedBy: text('claimed_by')
	},
	(table) => [
		index('outbox_due_idx').on(table.status, table.nextAttemptAt),
		index('outbox_sent_idx').on(table.status, table.sentAt),
		index('outbox_invitation_idx').on(table.invitationId)
	]
);
