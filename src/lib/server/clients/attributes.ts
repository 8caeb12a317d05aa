import { asc, eq } from 'drizzle-orm';
import { isoDate, parseDecimal } from '../../schemas/clients';
import type { Queryable } from '../db';
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

export function listAttributeDefinitions(db: Queryable): AttributeDefinition[] {
	return db.select().from(attributeDefinitions).orderBy(asc(attributeDefinitions.label)).all();
}

export function createAttributeDefinition(
	db: Queryable,
	input: { key: string; label: string; type: AttributeType }
): Result<{ definition: AttributeDefinition }> {
	if (db.select().from(attributeDefinitions).where(eq(attributeDefinitions.key, input.key)).get()) {
		return refuse(409, `A field with the key "${input.key}" exists already.`);
	}
	const definition = db
		.insert(attributeDefinitions)
		.values({ ...input, createdAt: new Date() })
		.returning()
		.get();
	return { ok: true as const, definition };
}

export function deleteAttributeDefinition(db: Queryable, id: number): boolean {
	return (
		db.delete(attributeDefinitions).where(eq(attributeDefinitions.id, id)).returning().get() !==
		undefined
	);
}
