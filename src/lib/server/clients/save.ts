import type { ClientInput } from '../../schemas/clients';
import { recordAudit, type Actor } from '../audit';
import type { Db } from '../db';
import { caselessSql, jsonRowsSql, serializeOn } from '../db/dialect';
import { plainSql, type PlainSql } from '../db/plain-sql';
import { inTransaction, retriedAfterDeadlock } from '../db/transaction';
import { attributeValue } from './attributes';

export type ClientField = keyof ClientInput;
export const allClientFields: ReadonlySet<ClientField> = new Set<ClientField>([
	'email',
	'name',
	'phone',
	'company',
	'language',
	'tags',
	'accountManager',
	'clientSince',
	'lastPurchaseOn',
	'renewalOn',
	'annualValue',
	'consent',
	'consentSource',
	'unsubscribed',
	'attributes'
]);

/** What to do with an input whose email is already a client. */
export type OnExisting = 'skip' | 'update' | 'reject';

export type SaveIssue = { index: number; field: string; message: string };
export type SaveResult =
	| { ok: true; created: number; updated: number; skipped: number; ids: number[] }
	| { ok: false; issues: SaveIssue[] };

type References = {
	staff: Map<string, string>;
	attributes: Map<string, { id: number; type: 'string' | 'number' | 'date' }>;
};

async function loadReferences(statements: PlainSql): Promise<References> {
	const staff = await statements.all<{ email: string; id: string }>(
		'select email, id from users where deactivated_at is null'
	);
	const attributes = await statements.all<{
		key: string;
		id: number;
		type: 'string' | 'number' | 'date';
	}>('select key, id, type from attribute_definitions');
	return {
		staff: new Map(staff.map((user) => [user.email, user.id])),
		attributes: new Map(attributes.map(({ key, ...definition }) => [key, definition]))
	};
}

/** Everything about the inputs that needs the database to check: staff emails, attribute fields. */
function referenceIssues(inputs: ClientInput[], references: References): SaveIssue[] {
	const issues: SaveIssue[] = [];
	inputs.forEach((input, index) => {
		if (input.accountManager && !references.staff.has(input.accountManager)) {
			issues.push({
				index,
				field: 'accountManager',
				message: `Unknown account manager "${input.accountManager}": use the email of an active staff user`
			});
		}
		for (const [key, raw] of Object.entries(input.attributes)) {
			const definition = references.attributes.get(key);
			if (!definition) {
				issues.push({
					index,
					field: `attributes.${key}`,
					message: `Unknown field "${key}": define it under Clients → Fields first`
				});
				continue;
			}
			const checked = attributeValue(definition.type, raw);
			if ('error' in checked)
				issues.push({ index, field: `attributes.${key}`, message: checked.error });
		}
	});
	return issues;
}

/**
 * Column assignments for the fields being written, from the row `r` of a batch; consent and
 * unsubscription keep their first date.
 */
const columnsByField: Partial<Record<ClientField, string[]>> = {
	email: ['email = r."email"'],
	name: ['name = r."name"'],
	phone: ['phone = r."phone"'],
	company: ['company = r."company"'],
	language: ['language = r."language"'],
	accountManager: ['account_manager_id = r."accountManagerId"'],
	clientSince: ['client_since = r."clientSince"'],
	lastPurchaseOn: ['last_purchase_on = r."lastPurchaseOn"'],
	renewalOn: ['renewal_on = r."renewalOn"'],
	annualValue: ['annual_value = r."annualValue"'],
	consent: [
		'consent_at = case when r."consent" = 1 then coalesce(consent_at, @now) end',
		// An existing consent keeps its date and source; a new one records where it came from.
		'consent_source = case when r."consent" = 1 then case when consent_at is not null then consent_source else coalesce(r."consentSource", @defaultConsentSource) end end'
	],
	consentSource: [
		'consent_source = case when consent_at is not null or r."consent" = 1 then coalesce(r."consentSource", consent_source) end'
	],
	unsubscribed: [
		'unsubscribed_at = case when r."unsubscribed" = 1 then coalesce(unsubscribed_at, @now) end'
	]
};

/** The columns of a client row in a batch (`rowValues`), with `i` its place and `id` its client's. */
const clientRow = jsonRowsSql('@rows', 'r', {
	i: 'bigint',
	id: 'bigint',
	email: 'text',
	name: 'text',
	phone: 'text',
	company: 'text',
	language: 'text',
	accountManagerId: 'text',
	clientSince: 'text',
	lastPurchaseOn: 'text',
	renewalOn: 'text',
	annualValue: 'double precision',
	consent: 'bigint',
	consentSource: 'text',
	unsubscribed: 'bigint'
});

function rowValues(input: ClientInput, references: References) {
	return {
		email: input.email,
		name: input.name,
		phone: input.phone ?? null,
		company: input.company ?? null,
		language: input.language,
		accountManagerId: input.accountManager ? references.staff.get(input.accountManager)! : null,
		clientSince: input.clientSince ?? null,
		lastPurchaseOn: input.lastPurchaseOn ?? null,
		renewalOn: input.renewalOn ?? null,
		annualValue: input.annualValue ?? null,
		consent: input.consent ? 1 : 0,
		consentSource: input.consentSource ?? null,
		unsubscribed: input.unsubscribed ? 1 : 0
	};
}

function updateStatement(fields: ReadonlySet<ClientField>): string {
	// A column two fields assign (consent_source, by consent and consentSource) takes the later
	// field's assignment, as SQLite did with both in one statement; PostgreSQL refuses two.
	const byColumn = new Map(
		[...fields]
			.flatMap((field) => columnsByField[field] ?? [])
			.concat('updated_at = @now')
			.map((assignment) => [assignment.slice(0, assignment.indexOf(' =')), assignment])
	);
	return `update clients set ${[...byColumn.values()].join(', ')} from ${clientRow} where clients.id = r."id"`;
}

// `where true`: SQLite reads an `on conflict` right after `from …` as a join's `on`.
// Another transaction's new client with one of these emails (PostgreSQL) is left out, no error
// that would end the transaction: saveClients tells whoever saves which email it was.
const insertClients = `insert into clients (email, name, phone, company, language, account_manager_id, client_since,
		last_purchase_on, renewal_on, annual_value, consent_at, consent_source, unsubscribed_at, created_at, updated_at)
	select r."email", r."name", r."phone", r."company", r."language", r."accountManagerId", r."clientSince",
		r."lastPurchaseOn", r."renewalOn", r."annualValue", case when r."consent" = 1 then cast(@now as bigint) end,
		case when r."consent" = 1 then coalesce(r."consentSource", cast(@defaultConsentSource as text)) end,
		case when r."unsubscribed" = 1 then cast(@now as bigint) end, cast(@now as bigint), cast(@now as bigint)
	from ${clientRow} where true order by r."i"
	on conflict do nothing returning id, email`;

const clientIdsByEmail = `select clients.id, clients.email from clients
	where clients.email in (select r."email" from ${jsonRowsSql('@emails', 'r', { email: 'text' })})`;

const tagsByName = `select r."name" as requested, tags.id from ${jsonRowsSql('@names', 'r', { name: 'text' })}
	join tags on ${caselessSql('tags.name')} = ${caselessSql('r."name"')}`;
const insertTags = `insert into tags (name) select r."name" from ${jsonRowsSql('@names', 'r', { i: 'bigint', name: 'text' })}
	order by r."i" returning id, name`;

const deleteClientTags = `delete from client_tags
	where client_id in (select r."id" from ${jsonRowsSql('@ids', 'r', { id: 'bigint' })})`;
const insertClientTags = `insert into client_tags (client_id, tag_id)
	select r."client", r."tag" from ${jsonRowsSql('@rows', 'r', { client: 'bigint', tag: 'bigint' })}
	where true on conflict do nothing`;
const upsertClientAttributes = `insert into client_attributes (client_id, attribute_id, value)
	select r."client", r."attribute", r."value"
	from ${jsonRowsSql('@rows', 'r', { client: 'bigint', attribute: 'bigint', value: 'text' })}
	where true on conflict (client_id, attribute_id) do update set value = excluded.value`;

/** One client of a batch to write: new (no id yet), or an existing one's fields to overwrite. */
type Write = { input: ClientInput; id?: number; fields: ReadonlySet<ClientField> };

/**
 * Another transaction created a client with one of the new emails after this one looked: on
 * PostgreSQL two imports can each find an email new. This one is then undone and says so.
 */
class EmailTakenMeanwhile extends Error {
	constructor(readonly email: string) {
		super(`A client with the email ${email} was added meanwhile`);
	}
}

/**
 * Writes clients a batch at a time, each statement for all the batch's rows (jsonRowsSql): the
 * 100k-client import's hot path (docs/benchmarks.md), one round trip per statement on PostgreSQL.
 */
function createWriter(
	tx: Db,
	statements: PlainSql,
	references: References,
	constants: { now: number; defaultConsentSource: string }
) {
	const tagIds = new Map<string, number>();
	const tagKey = (name: string) => name.toLowerCase();

	const lookUpTags = async (names: string[]) => {
		const rows = await statements.all<{ requested: string; id: number }>(tagsByName, {
			names: JSON.stringify(names.map((name) => ({ name })))
		});
		for (const { requested, id } of rows) tagIds.set(tagKey(requested), id);
	};
	/** Finds or creates the tags the writes name that this writer does not know yet. */
	const resolveTags = async (writes: Write[]) => {
		const unknown = new Map<string, string>();
		for (const { input, fields } of writes)
			if (fields.has('tags'))
				for (const name of input.tags)
					if (!tagIds.has(tagKey(name)) && !unknown.has(tagKey(name)))
						unknown.set(tagKey(name), name);
		if (!unknown.size) return;
		await lookUpTags([...unknown.values()]);
		const missing = [...unknown].filter(([key]) => !tagIds.has(key));
		if (!missing.length) return;
		// A new tag has no row to lock yet: two imports could both find none and create it.
		await serializeOn(tx, ...missing.map(([key]) => `tags:${key}`));
		await lookUpTags(missing.map(([, name]) => name));
		const created = missing.filter(([key]) => !tagIds.has(key)).map(([, name], i) => ({ i, name }));
		if (!created.length) return;
		const rows = await statements.all<{ id: number; name: string }>(insertTags, {
			names: JSON.stringify(created)
		});
		for (const { id, name } of rows) tagIds.set(tagKey(name), id);
	};

	/** The tags and custom fields of written clients, `written[i]` the id of `writes[i]`. */
	const writeTagsAndAttributes = async (writes: Write[], written: number[], replacing: boolean) => {
		await resolveTags(writes);
		const replaced: { id: number }[] = [];
		const clientTags: { client: number; tag: number }[] = [];
		const attributes: { client: number; attribute: number; value: string }[] = [];
		writes.forEach(({ input, fields }, i) => {
			const client = written[i]!;
			if (fields.has('tags')) {
				if (replacing) replaced.push({ id: client });
				for (const name of input.tags) clientTags.push({ client, tag: tagIds.get(tagKey(name))! });
			}
			if (fields.has('attributes'))
				for (const [key, raw] of Object.entries(input.attributes)) {
					const definition = references.attributes.get(key)!;
					const checked = attributeValue(definition.type, raw);
					if ('value' in checked)
						attributes.push({ client, attribute: definition.id, value: checked.value });
				}
		});
		if (replaced.length) await statements.run(deleteClientTags, { ids: JSON.stringify(replaced) });
		if (clientTags.length)
			await statements.run(insertClientTags, { rows: JSON.stringify(clientTags) });
		if (attributes.length)
			await statements.run(upsertClientAttributes, { rows: JSON.stringify(attributes) });
	};

	return {
		/** Creates clients whose emails are new and differ from each other; their ids, in order. */
		async insert(inputs: ClientInput[]): Promise<number[]> {
			if (!inputs.length) return [];
			const rows = await statements.all<{ id: number; email: string }>(insertClients, {
				...constants,
				rows: JSON.stringify(inputs.map((input, i) => ({ i, ...rowValues(input, references) })))
			});
			const ids = new Map(rows.map(({ id, email }) => [email, id]));
			const written = inputs.map((input) => {
				const id = ids.get(input.email);
				if (id === undefined) throw new EmailTakenMeanwhile(input.email);
				return id;
			});
			await writeTagsAndAttributes(
				inputs.map((input) => ({ input, fields: allClientFields })),
				written,
				false
			);
			return written;
		},
		/** Overwrites the given fields of existing clients, different ones. */
		async update(writes: Required<Write>[]): Promise<void> {
			if (!writes.length) return;
			const byFields = new Map<string, Required<Write>[]>();
			for (const write of writes) {
				const key = [...write.fields].sort().join();
				const group = byFields.get(key);
				if (group) group.push(write);
				else byFields.set(key, [write]);
			}
			for (const group of byFields.values())
				await statements.run(updateStatement(group[0]!.fields), {
					...constants,
					rows: JSON.stringify(
						group.map(({ input, id }) => ({ id, ...rowValues(input, references) }))
					)
				});
			await writeTagsAndAttributes(
				writes,
				writes.map(({ id }) => id),
				true
			);
		}
	};
}

/** Inputs written by one set of statements: few round trips, parameters of a few hundred kB. */
export const BATCH_SIZE = 2000;

/** The inputs in batches of different emails: a repeated email starts a batch, seeing the first. */
function batchesOf(inputs: ClientInput[]): { start: number; inputs: ClientInput[] }[] {
	const batches: { start: number; inputs: ClientInput[] }[] = [];
	let emails = new Set<string>();
	inputs.forEach((input, index) => {
		let batch = batches.at(-1);
		if (!batch || batch.inputs.length === BATCH_SIZE || emails.has(input.email)) {
			batches.push((batch = { start: index, inputs: [] }));
			emails = new Set();
		}
		batch.inputs.push(input);
		emails.add(input.email);
	});
	return batches;
}

async function clientIdsOf(statements: PlainSql, inputs: ClientInput[]) {
	const rows = await statements.all<{ id: number; email: string }>(clientIdsByEmail, {
		emails: JSON.stringify(inputs.map(({ email }) => ({ email })))
	});
	return new Map(rows.map(({ id, email }) => [email, id]));
}

type SaveOptions = {
	onExisting: OnExisting;
	/**
	 * Fields to overwrite on existing clients: the mapped CSV columns, or per input the keys an API
	 * call sent. All fields when left out.
	 */
	fields?: ReadonlySet<ClientField> | ((index: number) => ReadonlySet<ClientField>);
	actor: Actor;
	/** Recorded as the consent source when an input gives consent without saying where from. */
	source: string;
	now?: Date;
};

/**
 * Creates or updates clients by email in one transaction: all of them, or none when any input
 * refers to an unknown staff user or field, or (with `reject`) to an existing email.
 */
export async function saveClients(
	db: Db,
	inputs: ClientInput[],
	options: SaveOptions
): Promise<SaveResult> {
	const now = (options.now ?? new Date()).getTime();
	const { fields = allClientFields } = options;
	const fieldsOf = typeof fields === 'function' ? fields : () => fields;

	const constants = { now, defaultConsentSource: options.source };
	const batches = batchesOf(inputs);

	try {
		// Two imports on PostgreSQL that add the same new emails in opposite orders wait on each
		// other: the one PostgreSQL ends runs again and finds the other's clients there.
		return await retriedAfterDeadlock(() =>
			inTransaction(db, async (tx): Promise<SaveResult> => {
				const statements = plainSql(tx);
				const references = await loadReferences(statements);
				const issues = referenceIssues(inputs, references);
				if (issues.length) return { ok: false, issues };
				if (options.onExisting === 'reject') {
					const conflicts: SaveIssue[] = [];
					for (const batch of batches) {
						const existing = await clientIdsOf(statements, batch.inputs);
						batch.inputs.forEach(({ email }, i) => {
							if (existing.has(email))
								conflicts.push({
									index: batch.start + i,
									field: 'email',
									message: `A client with the email ${email} exists already`
								});
						});
					}
					if (conflicts.length) return { ok: false, issues: conflicts };
				}
				const writer = createWriter(tx, statements, references, constants);
				const result = {
					ok: true as const,
					created: 0,
					updated: 0,
					skipped: 0,
					ids: [] as number[]
				};
				for (const batch of batches) {
					const existing = await clientIdsOf(statements, batch.inputs);
					const created = batch.inputs.filter(({ email }) => !existing.has(email));
					const updates =
						options.onExisting === 'update'
							? batch.inputs.flatMap((input, i) => {
									const id = existing.get(input.email);
									return id === undefined ? [] : [{ input, id, fields: fieldsOf(batch.start + i) }];
								})
							: [];
					const createdIds = (await writer.insert(created)).values();
					await writer.update(updates);
					const updatedIds = updates.map(({ id }) => id).values();
					for (const { email } of batch.inputs) {
						if (!existing.has(email)) {
							result.ids.push(createdIds.next().value!);
							result.created += 1;
						} else if (options.onExisting === 'update') {
							result.ids.push(updatedIds.next().value!);
							result.updated += 1;
						} else {
							result.skipped += 1;
						}
					}
				}
				await recordAudit(tx, options.actor, 'clients.save', `clients:${result.ids.length}`, {
					created: result.created,
					updated: result.updated,
					skipped: result.skipped,
					source: options.source
				});
				return result;
			})
		);
	} catch (error) {
		if (!(error instanceof EmailTakenMeanwhile)) throw error;
		return {
			ok: false,
			issues: [
				{
					index: inputs.findIndex(({ email }) => email === error.email),
					field: 'email',
					message: `A client with the email ${error.email} was added by someone else while these were being saved; nothing was saved, try again`
				}
			]
		};
	}
}

/** Overwrites one client, by id: the edit form and `PATCH /clients/:id`. */
export async function updateClient(
	db: Db,
	clientId: number,
	input: ClientInput,
	options: Omit<SaveOptions, 'onExisting' | 'fields'> & { fields?: ReadonlySet<ClientField> }
): Promise<SaveResult> {
	const now = (options.now ?? new Date()).getTime();
	return inTransaction(db, async (tx): Promise<SaveResult> => {
		const statements = plainSql(tx);
		const references = await loadReferences(statements);
		const issues = referenceIssues([input], references);
		const owner = (await clientIdsOf(statements, [input])).get(input.email);
		if (owner !== undefined && owner !== clientId)
			issues.push({
				index: 0,
				field: 'email',
				message: `Another client has the email ${input.email}`
			});
		if (issues.length) return { ok: false, issues };
		const fields = options.fields ?? allClientFields;
		await createWriter(tx, statements, references, {
			now,
			defaultConsentSource: options.source
		}).update([{ input, id: clientId, fields }]);
		await recordAudit(tx, options.actor, 'client.update', `client:${clientId}`, {
			fields: [...fields]
		});
		return { ok: true as const, created: 0, updated: 1, skipped: 0, ids: [clientId] };
	});
}
