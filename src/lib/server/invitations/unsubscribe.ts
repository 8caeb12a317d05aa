import { eq } from 'drizzle-orm';
import type { Branding } from '../../branding/branding';
import { formatDate } from '../../i18n/format';
import { localeOf } from '../../i18n/locale';
import * as m from '../../paraglide/messages';
import { currentBranding } from '../branding/read';
import type { Db } from '../db';
import { forUpdate } from '../db/dialect';
import { first } from '../db/queries';
import { clients } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { emailHtml } from '../mail/email-html';
import type { RenderedEmail } from '../mail/invitation-email';
import { enqueueNotification } from '../mail/queue';
import UnsubscribedEmail from '../mail/templates/unsubscribed-email.svelte';
import { updateOwnProfile } from './service';

/** The confirmation a client asks for: the unsubscribe page to undo it from, and its language. */
export type Confirmation = { link: string; language: string };

/**
 * What a change of subscription did: `changed-not-confirmed` when the confirmation asked for was
 * not sent, as one went out within a day; `erased` when the client is gone (erased meanwhile).
 */
export type SubscriptionChange = 'changed' | 'changed-not-confirmed' | 'unchanged' | 'erased';

/** One confirmation a day at most: whoever holds a forwarded link cannot fill the inbox by toggling. */
const CONFIRMATION_INTERVAL_MS = 24 * 60 * 60 * 1000;

/**
 * Unsubscribes the client from survey invitations, and so from their reminders, or (undo)
 * subscribes them again: recorded as the profile page records it (`updateOwnProfile`, one audit
 * trail), with phone, language and consent as they are. Nothing happens when nothing changes, so
 * a mail client's repeated one-click POST records nothing twice. A `confirmation`, only when the
 * client asked for one, only on unsubscribing and at most once a day, is queued in the same
 * transaction: it goes out if and only if the unsubscription commits, and a form sent twice sends one.
 */
export async function changeSubscription(
	db: Db,
	clientId: number,
	change: { unsubscribed: true; confirmation: Confirmation | null } | { unsubscribed: false },
	now = new Date()
): Promise<SubscriptionChange> {
	return inTransaction(db, async (tx) => {
		const client = await first(
			forUpdate(tx.select().from(clients).where(eq(clients.id, clientId)))
		);
		if (!client) return 'erased';
		if ((client.unsubscribedAt !== null) === change.unsubscribed) return 'unchanged';
		await updateOwnProfile(
			tx,
			clientId,
			{
				phone: client.phone,
				language: client.language,
				consent: client.consentAt !== null,
				unsubscribed: change.unsubscribed
			},
			now
		);
		if (!change.unsubscribed || !change.confirmation) return 'changed';
		const lastConfirmed = client.unsubscribeConfirmedAt?.getTime() ?? -Infinity;
		if (now.getTime() - lastConfirmed < CONFIRMATION_INTERVAL_MS) return 'changed-not-confirmed';
		await enqueueNotification(
			tx,
			client.email,
			unsubscribedEmail(
				{ branding: await currentBranding(tx), clientName: client.name, since: now },
				change.confirmation
			),
			now
		);
		await tx.update(clients).set({ unsubscribeConfirmedAt: now }).where(eq(clients.id, clientId));
		return 'changed';
	});
}

/**
 * The confirmation of an unsubscription, in the page's language: who stops writing, since when,
 * and the page to undo it. Nothing else: no tracking, no survey, no unsubscribe header.
 */
function unsubscribedEmail(
	facts: { branding: Branding; clientName: string; since: Date },
	{ link, language }: Confirmation
): Omit<RenderedEmail, 'headers'> {
	const locale = localeOf(language);
	const body = m.respondent_unsubscribe_email_body(
		{
			name: facts.clientName,
			company: facts.branding.name,
			// Days in Satisfy are UTC days (src/lib/dates.ts), as the page shows the same date.
			date: formatDate(facts.since, { utc: true }, locale)
		},
		{ locale }
	);
	const undo = m.respondent_unsubscribe_email_undo({}, { locale });
	const again = m.respondent_unsubscribe_again({}, { locale });
	return {
		subject: m.respondent_unsubscribe_email_subject({ company: facts.branding.name }, { locale }),
		text: `${body}\n\n${undo}\n${link}`,
		html: emailHtml(
			UnsubscribedEmail,
			{ paragraphs: body.split(/\n{2,}/), undo, link, again },
			locale
		),
		language: locale,
		// From the company the client unsubscribed from, as its invitations were.
		senderName: facts.branding.senderName ?? undefined,
		replyTo: facts.branding.replyTo ?? undefined
	};
}
