import { asc, eq } from 'drizzle-orm';
import { isoDate, parseDecimal } from '../../schemas/clients';
import type { Db, Queryable } from '../db';
import { first } from '../db/queries';
import { serializeOn } from '../db/dialect';
import { inTransaction } from '../db/transaction';
import { attributeDefinitions, type AttributeDefinition } from '../db/schema';
import * as m from '../../paraglide/messages';
import { refuse, type Result } from '../../result';

export type AttributeType = AttributeDefinition['type'];

/** What a value that is not a number or not a date is told (any value is a text). */
const notOfType = {
	number: m.attributes_not_number_error,
	date: m.attributes_not_date_error
};

/**
 * The stored form of an attribute value (canonical number text, `YYYY-MM-DD`, trimmed text), or
 * an error message naming the type expected.
 */
export function attributeValue(
	type: AttributeType,
	raw: string | number
): { value: string } | { error: string } {
	const text = String(raw).trim();
	if (type === 'string') return { value: text.slice(0, 500) };
	const value = type === 'number' ? parseDecimal(text)?.toString() : isoDate(text);
	return value === null || value === undefined
		? { error: notOfType[type]({ value: text }) }
		: { value };
}

export async function listAttributeDefinitions(db: Queryable): Promise<AttributeDefinition[]> {
	return db.select().from(attributeDefinitions).orderBy(asc(attributeDefinitions.label));
}

export async function createAttributeDefinition(
	db: Db,
	input: { key: string; label: string; type: AttributeType }
): Promise<Result<{ definition: AttributeDefinition }>> {
	return inTransaction(db, async (tx): Promise<Result<{ definition: AttributeDefinition }>> => {
		// PostgreSQL: no row to lock yet, and two requests could both find none.
		await serializeOn(tx, `attribute_definitions:${input.key}`);
		const existing = await first(
			tx.select().from(attributeDefinitions).where(eq(attributeDefinitions.key, input.key))
		);
		if (existing) return refuse(409, m.attributes_key_taken_refused({ key: input.key }));
		const definition = await first(
			tx
				.insert(attributeDefinitions)
				.values({ ...input, createdAt: new Date() })
				.returning()
		);
		return { ok: true as const, definition: definition! };
	});
}

export async function deleteAttributeDefinition(db: Db, id: number): Promise<boolean> {
	return inTransaction(db, async (tx) => {
		const deleted = await tx
			.delete(attributeDefinitions)
			.where(eq(attributeDefinitions.id, id))
			.returning({ id: attributeDefinitions.id });
		return deleted.length > 0;
	});
}
