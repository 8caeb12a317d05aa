/**
 * Where one recipient of a campaign stands, as ONE state: the furthest of these their invitation
 * reached, in the order a recipient goes through them. A failure outranks "sent": when the newest
 * email to them (a reminder, say) was refused, that is news, even if an earlier one arrived.
 * Opening the link outranks a failure: they have the survey whatever became of a later email.
 */
export const recipientStates = [
	'queued',
	'sent',
	'failed',
	'opened',
	'started',
	'completed'
] as const;
export type RecipientState = (typeof recipientStates)[number];

/** What an outbox email's status may be (the outbox's own list, src/lib/server/db/schema/mail.ts). */
export type EmailStatus = 'queued' | 'sending' | 'sent' | 'stored' | 'failed' | 'uncertain';

/** What is known of one invitation: its dates, and what became of the newest email about it. */
export type RecipientFacts = {
	/** When a mail server accepted an email of it (or outbox mode kept one). */
	sentAt: Date | null;
	openedAt: Date | null;
	startedAt: Date | null;
	completedAt: Date | null;
	/** The newest email (invitation or reminder) to the recipient; null before any was queued. */
	newestEmail: EmailStatus | null;
};

/** The states a recipient may reach beyond `queued`, where every one starts. */
export type ReachedState = Exclude<RecipientState, 'queued'>;

/** The states beyond `queued`, furthest first: a recipient is in the first one they reached. */
export const furthestFirst = recipientStates
	.filter((state): state is ReachedState => state !== 'queued')
	.reverse();

/**
 * Whether a recipient got as far as each state but the first. The queries filtering by state
 * (src/lib/server/campaigns/recipients.ts) say the same in SQL, one condition per state.
 */
export const stateReached: Record<ReachedState, (facts: RecipientFacts) => boolean> = {
	// An email cut off while being sent may have arrived; the outbox never sends it again.
	sent: (facts) => facts.sentAt !== null || facts.newestEmail === 'uncertain',
	failed: (facts) => facts.newestEmail === 'failed',
	opened: (facts) => facts.openedAt !== null,
	// Answered in part (a page saved, a one-click answer from the email) and not completed.
	started: (facts) => facts.startedAt !== null,
	completed: (facts) => facts.completedAt !== null
};

/** The furthest state a recipient reached; `queued` until anything else is known. */
export function recipientState(facts: RecipientFacts): RecipientState {
	return furthestFirst.find((state) => stateReached[state](facts)) ?? 'queued';
}
