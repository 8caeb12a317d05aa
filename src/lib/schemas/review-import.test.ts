import { describe, expect, it } from 'vitest';
import { reviewImportFormSchema } from './review-import';

const firstMessage = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
	result.success ? null : result.error!.issues[0]!.message;

describe('the review import form', () => {
	it('reads "Detect from the file", no labels and no columns as nothing chosen', () => {
		expect(reviewImportFormSchema.parse({ format: '', source: ' ', tag: '' })).toEqual({
			format: undefined,
			source: '',
			tag: '',
			columns: undefined
		});
		expect(reviewImportFormSchema.parse({})).toEqual({
			format: undefined,
			source: '',
			tag: '',
			columns: undefined
		});
	});

	it('keeps a listed format, trimmed labels and the number of columns shown', () => {
		expect(
			reviewImportFormSchema.parse({
				format: 'trustpilot',
				source: ' Trustpilot ',
				tag: 'Berlin',
				columns: '4'
			})
		).toEqual({
			format: 'trustpilot',
			source: 'Trustpilot',
			tag: 'Berlin',
			columns: 4
		});
	});

	it('refuses a format that is not in the list', () => {
		expect(firstMessage(reviewImportFormSchema.safeParse({ format: 'xml' }))).toBe(
			'Choose a file format from the list, or Detect from the file.'
		);
		expect(firstMessage(reviewImportFormSchema.safeParse({ format: '__proto__' }))).toBe(
			'Choose a file format from the list, or Detect from the file.'
		);
	});

	it('refuses a source or location longer than 100 characters', () => {
		expect(firstMessage(reviewImportFormSchema.safeParse({ tag: 'x'.repeat(101) }))).toBe(
			'A source and a location or product have at most 100 characters each.'
		);
	});

	it('refuses a column count that is not a whole number from 1 to 200', () => {
		for (const columns of ['0', '201', '2.5', 'many']) {
			expect(firstMessage(reviewImportFormSchema.safeParse({ columns }))).toBe(
				'The column choices were garbled; check the file again.'
			);
		}
	});
});
