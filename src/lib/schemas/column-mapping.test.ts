import { describe, expect, it } from 'vitest';
import { importMappingSchema } from '$lib/server/clients/imports';
import { isReviewField } from '../reviews/fields';
import { columnMappingSchema } from './column-mapping';

const firstMessage = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
	result.success ? null : result.error!.issues[0]!.message;

describe('the column selects of a review import', () => {
	const mapping = columnMappingSchema(3, isReviewField);

	it('maps each column to its chosen field, and Ignore or an unsent select to nothing', () => {
		expect(mapping.parse({ 'column-0': 'author', 'column-1': '', 'other-field': 'x' })).toEqual([
			'author',
			null,
			null
		]);
	});

	it('refuses a column mapped to something that is not a field, naming the column', () => {
		expect(firstMessage(mapping.safeParse({ 'column-0': 'text', 'column-1': 'constructor' }))).toBe(
			'Column 2: choose one of the listed fields or Ignore.'
		);
		expect(firstMessage(mapping.safeParse({ 'column-2': '__proto__' }))).toBe(
			'Column 3: choose one of the listed fields or Ignore.'
		);
		expect(firstMessage(mapping.safeParse({ 'column-0': 42 }))).not.toBeNull();
	});
});

describe('the column selects of a client import', () => {
	const mapping = importMappingSchema(3);

	it('takes client fields and custom fields', () => {
		expect(
			mapping.parse({ 'column-0': 'email', 'column-1': 'attribute:region', 'column-2': '' })
		).toEqual(['email', 'attribute:region', null]);
	});

	it('refuses a made-up field instead of silently ignoring the column', () => {
		expect(
			firstMessage(mapping.safeParse({ 'column-0': 'email', 'column-1': 'passwordHash' }))
		).toBe('Column 2: choose one of the listed fields or Ignore.');
		expect(firstMessage(mapping.safeParse({ 'column-0': 'attribute:' }))).toBe(
			'Column 1: choose one of the listed fields or Ignore.'
		);
	});
});
