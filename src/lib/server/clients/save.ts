import type { ClientInput } from '../../schemas/clients';
import { recordAudit, type Actor } from '../audit';
import type { Db } from '../db';
import { caselessSql, serializeOn } from '../db/dialect';
import { plainSql, type PlainSql } from '../db/plain-sql';
import { inTransaction } from '../db/transaction';
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

/** Column assignments for the fields being written; consent and unsubscription keep their first date. */
const columnsByField: Partial<Record<ClientField, string[]>> = {
	email: ['email = @email'],
	name: ['name = @name'],
	phone: ['phone = @phone'],
	company: ['company = @company'],
	language: ['language = @language'],
	accountManager: ['account_manager_id = @accountManagerId'],
	clientSince: ['client_since = @clientSince'],
	lastPurchaseOn: ['last_purchase_on = @lastPurchaseOn'],
	renewalOn: ['renewal_on = @renewalOn'],
	annualValue: ['annual_value = @annualValue'],
	consent: [
		'consent_at = case when @consent = 1 then coalesce(consent_at, @now) end',
		// An existing consent keeps its date and source; a new one records where it came from.
		'consent_source = case when @consent = 1 then case when consent_at is not null then consent_source else coalesce(@consentSource, @defaultConsentSource) end end'
	],
	consentSource: [
		'consent_source = case when consent_at is not null or @consent = 1 then coalesce(@consentSource, consent_source) end'
	],
	unsubscribed: [
		'unsubscribed_at = case when @unsubscribed = 1 then coalesce(unsubscribed_at, @now) end'
	]
};

function rowParameters(
	input: ClientInput,
	references: References,
	now: number,
	defaultConsentSource: string
) {
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
		defaultConsentSource,
		unsubscribed: input.unsubscribed ? 1 : 0,
		now
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
	return `update clients set ${[...byColumn.values()].join(', ')} where id = @id`;
}

const tagByName = `select id from tags where ${caselessSql('name')} = ${caselessSql('@name')}`;

function createWriter(tx: Db, statements: PlainSql, references: References) {
	const tagIds = new Map<string, number>();
	const tagId = async (name: string): Promise<number> => {
		const key = name.toLowerCase();
		let id = tagIds.get(key);
		if (id === undefined) {
			// A new tag has no row to lock yet: two imports could both find none and create it.
			await serializeOn(tx, `tags:${key}`);
			const found =
				(await statements.get<{ id: number }>(tagByName, { name })) ??
				(await statements.get<{ id: number }>(
					'insert into tags (name) values (@name) returning id',
					{ name }
				));
			tagIds.set(key, (id = found!.id));
		}
		return id;
	};
	const writeTagsAndAttributes = async (
		clientId: number,
		input: ClientInput,
		fields: ReadonlySet<ClientField>,
		replacing: boolean
	) => {
		if (fields.has('tags')) {
			if (replacing)
				await statements.run('delete from client_tags where client_id = @clientId', { clientId });
			for (const name of input.tags)
				await statements.run(
					'insert into client_tags (client_id, tag_id) values (@clientId, @tagId) on conflict do nothing',
					{ clientId, tagId: await tagId(name) }
				);
		}
		if (fields.has('attributes')) {
			for (const [key, raw] of Object.entries(input.attributes)) {
				const definition = references.attributes.get(key)!;
				const checked = attributeValue(definition.type, raw);
				if ('value' in checked) {
					await statements.run(
						`insert into client_attributes (client_id, attribute_id, value) values (@clientId, @attributeId, @value)
						on conflict (client_id, attribute_id) do update set value = excluded.value`,
						{ clientId, attributeId: definition.id, value: checked.value }
					);
				}
			}
		}
	};

	return {
		async insert(
			input: ClientInput,
			parameters: ReturnType<typeof rowParameters>
		): Promise<number> {
			const { id } = (await statements.get<{ id: number }>(
				`insert into clients (email, name, phone, company, language, account_manager_id, client_since, last_purchase_on,
					renewal_on, annual_value, consent_at, consent_source, unsubscribed_at, created_at, updated_at)
				values (@email, @name, @phone, @company, @language, @accountManagerId, @clientSince, @lastPurchaseOn,
					@renewalOn, @annualValue, case when @consent = 1 then cast(@now as bigint) end,
					case when @consent = 1 then coalesce(@consentSource, @defaultConsentSource) end,
					case when @unsubscribed = 1 then cast(@now as bigint) end, @now, @now) returning id`,
				parameters
			))!;
			await writeTagsAndAttributes(id, input, allClientFields, false);
			return id;
		},
		async update(
			clientId: number,
			input: ClientInput,
			parameters: ReturnType<typeof rowParameters>,
			fields: ReadonlySet<ClientField>
		): Promise<void> {
			await statements.run(updateStatement(fields), { ...parameters, id: clientId });
			await writeTagsAndAttributes(clientId, input, fields, true);
		}
	};
}

const clientIdByEmail = 'select id from clients where email = @email';

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

	// Raw statements on the writer's connection: the 100k-client import's hot path (docs/benchmarks.md).
	return inTransaction(db, async (tx): Promise<SaveResult> => {
		const statements = plainSql(tx);
		const references = await loadReferences(statements);
		const issues = referenceIssues(inputs, references);
		if (issues.length) return { ok: false, issues };
		const existingId = async (email: string) =>
			(await statements.get<{ id: number }>(clientIdByEmail, { email }))?.id;
		if (options.onExisting === 'reject') {
			const conflicts: SaveIssue[] = [];
			for (const [index, input] of inputs.entries())
				if ((await existingId(input.email)) !== undefined)
					conflicts.push({
						index,
						field: 'email',
						message: `A client with the email ${input.email} exists already`
					});
			if (conflicts.length) return { ok: false, issues: conflicts };
		}
		const writer = createWriter(tx, statements, references);
		const result = { ok: true as const, created: 0, updated: 0, skipped: 0, ids: [] as number[] };
		for (const [index, input] of inputs.entries()) {
			const parameters = rowParameters(input, references, now, options.source);
			const existing = await existingId(input.email);
			if (existing === undefined) {
				result.ids.push(await writer.insert(input, parameters));
				result.created += 1;
			} else if (options.onExisting === 'update') {
				await writer.update(existing, input, parameters, fieldsOf(index));
				result.ids.push(existing);
				result.updated += 1;
			} else {
				result.skipped += 1;
			}
		}
		await recordAudit(tx, options.actor, 'clients.save', `clients:${result.ids.length}`, {
			created: result.created,
			updated: result.updated,
			skipped: result.skipped,
			source: options.source
		});
		return result;
	});
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
		const owner = await statements.get<{ id: number }>(clientIdByEmail, { email: input.email });
		if (owner && owner.id !== clientId)
			issues.push({
				index: 0,
				field: 'email',
				message: `Another client has the email ${input.email}`
			});
		if (issues.length) return { ok: false, issues };
		const fields = options.fields ?? allClientFields;
		await createWriter(tx, statements, references).update(
			clientId,
			input,
			rowParameters(input, references, now, options.source),
			fields
		);
		await recordAudit(tx, options.actor, 'client.update', `client:${clientId}`, {
			fields: [...fields]
		});
		return { ok: true as const, created: 0, updated: 1, skipped: 0, ids: [clientId] };
	});
}
