import * as m from '../paraglide/messages';

/**
 * What Satisfy itself says of an outbox email, stored as a code and worded when read, in the
 * reader's language; the mail server's own answer is stored as it came.
 */
export const outboxNotes = [
	'kept',
	'nothingToSend',
	'clientErased',
	'clientUnsubscribed',
	'interrupted',
	'queuedAgain'
] as const;
export type OutboxNote = (typeof outboxNotes)[number];

const noteTexts: Record<OutboxNote, () => string> = {
	kept: m.outbox_note_kept,
	nothingToSend: m.outbox_note_nothing_to_send,
	clientErased: m.outbox_note_client_erased,
	clientUnsubscribed: m.outbox_note_client_unsubscribed,
	interrupted: m.outbox_note_interrupted,
	queuedAgain: m.outbox_note_queued_again
};

/** Satisfy's note in the reader's words, else the mail server's answer (or an older row's note). */
export function outboxResponseText(message: {
	note: OutboxNote | null;
	serverResponse: string | null;
}): string {
	return message.note ? noteTexts[message.note]() : (message.serverResponse ?? '');
}
