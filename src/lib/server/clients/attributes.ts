import { asc, eq } from 'drizzle-orm';
import { isoDate, parseDecimal } from '../../schemas/clients';
import type { Db, Queryable } from '../db';
import { first } from '../db/queries';
import { serializeOn } from '../db/dialect';
import { inTransaction } from '../db/transaction';
import { attributeDefinitions, type AttributeDefinition } from '../db/schema';
import { refuse, type Result } from '../../result';

export type AttributeType = AttributeDefinition['type'];

const typeHints: Record<AttributeType, string> = {
	string: 'text',
	number: 'a number like 12 or 12.5',
	date: 'a date as YYYY-MM-DD'
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
	const value =
		type === 'number'
			? parseDecimal(text)?.toString()
			: type === 'date'
				? isoDate(text)
				: text.slice(0, 500);
	return value === null || value === undefined
		? { error: `"${text}" is not ${typeHints[type]}` }
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
		if (existing) return refuse(409, `A field with the key "${input.key}" exists already.`);
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
