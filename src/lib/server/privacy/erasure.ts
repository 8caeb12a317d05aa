import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { escapeHtml } from '../../html-escape';
import { recordAudit, type Actor } from '../audit';
import { subtractFromCellsSync } from '../analytics/cells';
import { daysOfClientSync, repackDaysOfClientSync } from '../analytics/chunk-upkeep';
import { addToCellRows, scoredResponsesByIdSync, type CellRow } from '../analytics/selection';
import type { Db, Tx } from '../db';
import {
	clientImports,
	clients,
	followupCases,
	invitationLinks,
	invitations,
	outboxMessages,
	responseDrafts,
	responses,
	responseTags,
	reviews,
	webhookDeliveries
} from '../db/schema';
import { erasureKeepsAnswers } from './settings';

type Person = { id: number; email: string; name: string };

/** What a staff notification says instead of an erased client's name. */
export const ERASED_CLIENT = 'an erased client';

// SQLite caps bound parameters per statement; erasing "all 100,000 results" goes in slices.
const SLICE = 500;

function slices<T>(items: T[]): T[][] {
	return Array.from({ length: Math.ceil(items.length / SLICE) }, (_, index) =>
		items.slice(index * SLICE, (index + 1) * SLICE)
	);
}

/**
 * Right to erasure: everything that holds the person goes — their record (tags and fields with
 * it), every email to them and every staff notification's mention of them, their personal links
 * (dead from now on) and unfinished answers, their follow-up cases with comments and history,
 * webhook deliveries about them, their authorship of reviews, staged import files listing them,
 * staff's tags and notes on their responses — in one transaction. Their survey answers stay, anonymised, when the owner's privacy setting
 * keeps them (the default); otherwise they go too and the dashboard sums are corrected. The search
 * index is merged and the freed pages overwritten (secure_delete), so no copy is left in the file.
 */
export function eraseClients(db: Db, ids: number[], actor: Actor): number {
	const keepAnswers = erasureKeepsAnswers(db);
	let responsesGone = 0;
	const erased = db.transaction((tx) => {
		let count = 0;
		for (const slice of slices(ids)) {
			const people = tx
				.select({ id: clients.id, email: clients.email, name: clients.name })
				.from(clients)
				.where(inArray(clients.id, slice))
				.all();
			for (const person of people) {
				const responsesDeleted = eraseTraces(tx, person, keepAnswers);
				responsesGone += responsesDeleted;
				// Only what was erased: an id that is no client leaves no trace, not even in the audit log.
				recordAudit(tx, actor, 'client.erase', `client:${person.id}`, {
					answers: keepAnswers ? 'kept anonymously' : 'deleted',
					responsesDeleted
				});
			}
			if (people.length)
				tx.delete(clients)
					.where(
						inArray(
							clients.id,
							people.map(({ id }) => id)
						)
					)
					.run();
			count += people.length;
		}
		return count;
	});
	if (!erased) return 0;
	db.run(sql`insert into clients_search(clients_search) values ('optimize')`);
	// Their answers' words leave the inbox's search index too; merging it costs, so only when some went.
	if (responsesGone) db.run(sql`insert into response_texts(response_texts) values ('optimize')`);
	db.$client.pragma('wal_checkpoint(TRUNCATE)');
	return erased;
}

/** Removes every copy of one person but their record itself; returns how many responses were deleted. */
function eraseTraces(tx: Tx, person: Person, keepAnswers: boolean): number {
	const packed = daysOfClientSync(tx, person.id);
	const invitationIds = tx
		.select({ id: invitations.id })
		.from(invitations)
		.where(eq(invitations.clientId, person.id))
		.all()
		.map(({ id }) => id);
	for (const slice of slices(invitationIds)) {
		tx.delete(outboxMessages).where(inArray(outboxMessages.invitationId, slice)).run();
		tx.delete(responseDrafts).where(inArray(responseDrafts.invitationId, slice)).run();
		tx.delete(invitationLinks).where(inArray(invitationLinks.invitationId, slice)).run();
	}
	// The invitations stay, anonymous, for the campaigns' counts; a fresh random hash kills their links.
	for (const id of invitationIds)
		tx.update(invitations)
			.set({ tokenHash: randomBytes(32) })
			.where(eq(invitations.id, id))
			.run();
	tx.delete(outboxMessages).where(eq(outboxMessages.toAddress, person.email)).run();
	redactNotifications(tx, person);

	tx.delete(followupCases).where(eq(followupCases.clientId, person.id)).run();
	// Every event's data names its clients by id (README § Webhooks), one or, in the overdue digest,
	// a list: deliveries about them go, sent or not, chat messages that may name them with them.
	tx.delete(webhookDeliveries)
		.where(
			sql`json_extract(${webhookDeliveries.payload}, '$.data.clientId') = ${person.id}
				or exists (select 1 from json_each(${webhookDeliveries.payload}, '$.data.cases')
					where json_extract(value, '$.clientId') = ${person.id})`
		)
		.run();
	tx.update(reviews)
		.set({ author: null, clientId: null })
		.where(eq(reviews.clientId, person.id))
		.run();
	// Staff write about the person on their responses ("called her back"): kept answers keep no note or tag.
	tx.delete(responseTags)
		.where(
			inArray(
				responseTags.responseId,
				tx.select({ id: responses.id }).from(responses).where(eq(responses.clientId, person.id))
			)
		)
		.run();
	tx.update(responses)
		.set({ note: null, noteUpdatedAt: null })
		.where(eq(responses.clientId, person.id))
		.run();
	// A staged import holds its file until imported; one that lists them is dropped whole (imports are all-or-nothing).
	tx.delete(clientImports)
		.where(
			sql`instr(lower(cast(${clientImports.content} as text)), ${person.email}) > 0 or instr(lower(${clientImports.issues}), ${person.email}) > 0`
		)
		.run();

	const deleted = keepAnswers ? 0 : deleteResponses(tx, person);
	// The packed chunks of their days hold no record of them either, from this transaction on.
	repackDaysOfClientSync(tx, packed);
	return deleted;
}

function deleteResponses(tx: Tx, person: Person): number {
	const responseIds = tx
		.select({ id: responses.id })
		.from(responses)
		.where(eq(responses.clientId, person.id))
		.all()
		.map(({ id }) => id);
	for (const slice of slices(responseIds)) {
		const counted = new Map<string, CellRow>();
		addToCellRows(counted, scoredResponsesByIdSync(tx, slice), { prefix: '' });
		subtractFromCellsSync(tx, [...counted.values()]);
		tx.delete(responses).where(inArray(responses.id, slice)).run();
	}
	return responseIds.length;
}

/** Staff notifications (a new case, the overdue digest) keep their place in the mail log, without the person. */
function redactNotifications(tx: Tx, person: Person): void {
	const mentions = [person.name, person.email, escapeHtml(person.name)];
	const naming = tx
		.select({
			id: outboxMessages.id,
			subject: outboxMessages.subject,
			textBody: outboxMessages.textBody,
			htmlBody: outboxMessages.htmlBody
		})
		.from(outboxMessages)
		.where(
			and(
				eq(outboxMessages.kind, 'notification'),
				sql`(${sql.join(
					mentions.flatMap((mention) =>
						[outboxMessages.subject, outboxMessages.textBody, outboxMessages.htmlBody].map(
							(column) => sql`instr(${column}, ${mention}) > 0`
						)
					),
					sql` or `
				)})`
			)
		)
		.all();
	const redact = (text: string | null) =>
		text === null
			? null
			: mentions.reduce((redacted, mention) => redacted.replaceAll(mention, ERASED_CLIENT), text);
	for (const message of naming) {
		tx.update(outboxMessages)
			.set({
				subject: redact(message.subject),
				textBody: redact(message.textBody),
				htmlBody: redact(message.htmlBody)
			})
			.where(eq(outboxMessages.id, message.id))
			.run();
	}
}
