import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { escapeHtml } from '../../html-escape';
import { recordAudit, type Actor } from '../audit';
import { subtractFromCells } from '../analytics/cells';
import { daysOfClient, repackDaysOfClient } from '../analytics/chunk-upkeep';
import { addToCellRows, scoredResponsesById, type CellRow } from '../analytics/selection';
import type { Db } from '../db';
import { containsText } from '../db/dialect';
import { engine } from '../db/engine';
import type { PgDb } from '../db/postgres';
import { sqliteWriterOf } from '../db/sqlite-connections';
import {
	clientImports,
	clients,
	followupCases,
	invitationClicks,
	invitationLinks,
	invitations,
	outboxMessages,
	responseDrafts,
	responses,
	responseTags,
	reviews,
	webhookDeliveries
} from '../db/schema';
import { inTransaction, onPostgres } from '../db/transaction';
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
 * keeps them (the default); otherwise they go too and the dashboard sums are corrected. SQLite:
 * the search indexes are merged and the freed pages overwritten (secure_delete), so no copy is
 * left in the file. PostgreSQL: the tables are rewritten without the old versions of their rows.
 */
export async function eraseClients(db: Db, ids: number[], actor: Actor): Promise<number> {
	let responsesGone = 0;
	const erased = await inTransaction(db, async (tx) => {
		// Read with the erasure: the owner may change the setting meanwhile.
		const keepAnswers = await erasureKeepsAnswers(tx);
		let count = 0;
		for (const slice of slices(ids)) {
			const people = await tx
				.select({ id: clients.id, email: clients.email, name: clients.name })
				.from(clients)
				.where(inArray(clients.id, slice));
			for (const person of people) {
				const responsesDeleted = await eraseTraces(tx, person, keepAnswers);
				responsesGone += responsesDeleted;
				// Only what was erased: an id that is no client leaves no trace, not even in the audit log.
				await recordAudit(tx, actor, 'client.erase', `client:${person.id}`, {
					answers: keepAnswers ? 'kept anonymously' : 'deleted',
					responsesDeleted
				});
			}
			if (people.length)
				await tx.delete(clients).where(
					inArray(
						clients.id,
						people.map(({ id }) => id)
					)
				);
			count += people.length;
		}
		return count;
	});
	if (!erased) return 0;
	if (onPostgres(db)) {
		await vacuumErased(db as unknown as PgDb, responsesGone > 0);
		return erased;
	}
	// SQLite's FTS5 indexes: merged right after the erasure, as one transaction of their own.
	await inTransaction(db, async (tx) => {
		tx.run(sql`insert into clients_search(clients_search) values ('optimize')`);
		// Their answers' words leave the inbox's search index too; merging it costs, so only when some went.
		if (responsesGone) tx.run(sql`insert into response_texts(response_texts) values ('optimize')`);
	});
	// A read-only connection may not checkpoint: the writer's does.
	(sqliteWriterOf(db)?.writer ?? db).$client.pragma('wal_checkpoint(TRUNCATE)');
	return erased;
}

/**
 * The tables an erasure deletes or rewrites rows of, vacuumed after it on PostgreSQL so that the
 * old row versions' space is free to be written over at once. Their bytes stay in the files' free
 * space (and the write-ahead log) until then: a VACUUM FULL, which rewrites the files, would lock
 * every one of these tables — responses and answers among them — against all nodes' reads and
 * writes while it runs, so it is left to the operator's maintenance window (docs/security.md).
 * VACUUM cannot run in a transaction.
 */
const erasedTables = [
	'clients',
	'clients_search',
	'client_tags',
	'client_attributes',
	'client_imports',
	'invitations',
	'invitation_links',
	'outbox_messages',
	'response_drafts',
	'followup_cases',
	'followup_events',
	'webhook_deliveries',
	'reviews',
	'responses',
	'response_tags',
	'score_chunks',
	'tone_chunks'
];

async function vacuumErased(db: PgDb, responsesGone: boolean): Promise<void> {
	// Their answers' words leave the inbox's search index too, only when some went.
	const tables = responsesGone ? [...erasedTables, 'answers', 'response_texts'] : erasedTables;
	await db.execute(sql.raw(`vacuum ${tables.join(', ')}`));
}

/** Removes every copy of one person but their record itself; returns how many responses were deleted. */
async function eraseTraces(tx: Db, person: Person, keepAnswers: boolean): Promise<number> {
	const packed = await daysOfClient(tx, person.id);
	const invitationIds = (
		await tx
			.select({ id: invitations.id })
			.from(invitations)
			.where(eq(invitations.clientId, person.id))
	).map(({ id }) => id);
	for (const slice of slices(invitationIds)) {
		await tx.delete(outboxMessages).where(inArray(outboxMessages.invitationId, slice));
		await tx.delete(responseDrafts).where(inArray(responseDrafts.invitationId, slice));
		await tx.delete(invitationClicks).where(inArray(invitationClicks.invitationId, slice));
		await tx.delete(invitationLinks).where(inArray(invitationLinks.invitationId, slice));
	}
	// The invitations stay, anonymous, for the campaigns' counts; a fresh random hash kills their links.
	for (const id of invitationIds)
		await tx
			.update(invitations)
			.set({ tokenHash: randomBytes(32) })
			.where(eq(invitations.id, id));
	await tx.delete(outboxMessages).where(eq(outboxMessages.toAddress, person.email));
	await redactNotifications(tx, person);

	await tx.delete(followupCases).where(eq(followupCases.clientId, person.id));
	// Every event's data names its clients by id (README § Webhooks), one or, in the overdue digest,
	// a list: deliveries about them go, sent or not, chat messages that may name them with them.
	await tx.delete(webhookDeliveries).where(
		engine === 'postgres'
			? sql`cast(${webhookDeliveries.payload} as json) -> 'data' ->> 'clientId' = ${String(person.id)}
				or exists (select 1 from json_array_elements(cast(${webhookDeliveries.payload} as json) -> 'data' -> 'cases') as listed
					where listed ->> 'clientId' = ${String(person.id)})`
			: sql`json_extract(${webhookDeliveries.payload}, '$.data.clientId') = ${person.id}
				or exists (select 1 from json_each(${webhookDeliveries.payload}, '$.data.cases')
					where json_extract(value, '$.clientId') = ${person.id})`
	);
	await tx
		.update(reviews)
		.set({ author: null, clientId: null })
		.where(eq(reviews.clientId, person.id));
	// Staff write about the person on their responses ("called her back"): kept answers keep no note or tag.
	await tx
		.delete(responseTags)
		.where(
			inArray(
				responseTags.responseId,
				tx.select({ id: responses.id }).from(responses).where(eq(responses.clientId, person.id))
			)
		);
	await tx
		.update(responses)
		.set({ note: null, noteUpdatedAt: null })
		.where(eq(responses.clientId, person.id));
	// A staged import holds its file until imported; one that lists them is dropped whole (imports are all-or-nothing).
	await tx.delete(clientImports).where(
		engine === 'postgres'
			? // The file's bytes as text whatever their encoding (non-ASCII bytes escaped, as the
				// email is), its ASCII letters lowered as SQLite's lower() does.
				sql`${containsText(sql`lower(encode(${clientImports.content}, 'escape'))`, sql`encode(convert_to(${person.email}, 'UTF8'), 'escape')`)}
					or ${containsText(sql`lower(cast(${clientImports.issues} as text))`, person.email)}`
			: sql`${containsText(sql`lower(cast(${clientImports.content} as text))`, person.email)}
					or ${containsText(sql`lower(${clientImports.issues})`, person.email)}`
	);

	const deleted = keepAnswers ? 0 : await deleteResponses(tx, person);
	// The packed chunks of their days hold no record of them either, from this transaction on.
	await repackDaysOfClient(tx, packed);
	return deleted;
}

async function deleteResponses(tx: Db, person: Person): Promise<number> {
	const responseIds = (
		await tx.select({ id: responses.id }).from(responses).where(eq(responses.clientId, person.id))
	).map(({ id }) => id);
	for (const slice of slices(responseIds)) {
		const counted = new Map<string, CellRow>();
		addToCellRows(counted, await scoredResponsesById(tx, slice), { prefix: '' });
		await subtractFromCells(tx, [...counted.values()]);
		await tx.delete(responses).where(inArray(responses.id, slice));
	}
	return responseIds.length;
}

/** Staff notifications (a new case, the overdue digest) keep their place in the mail log, without the person. */
async function redactNotifications(tx: Db, person: Person): Promise<void> {
	// The HTML part as the email components escape text (Svelte: & and <), and as escapeHtml did.
	const svelteEscaped = person.name.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
	const mentions = [person.name, person.email, escapeHtml(person.name), svelteEscaped];
	const naming = await tx
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
							(column) => containsText(column, mention)
						)
					),
					sql` or `
				)})`
			)
		);
	const redact = (text: string | null) =>
		text === null
			? null
			: mentions.reduce((redacted, mention) => redacted.replaceAll(mention, ERASED_CLIENT), text);
	for (const message of naming) {
		await tx
			.update(outboxMessages)
			.set({
				subject: redact(message.subject),
				textBody: redact(message.textBody),
				htmlBody: redact(message.htmlBody)
			})
			.where(eq(outboxMessages.id, message.id));
	}
}
