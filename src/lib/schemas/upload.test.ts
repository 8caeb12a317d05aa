import { describe, expect, it } from 'vitest';
import { csvUploadSchema, MAX_IMPORT_BYTES } from '$lib/csv/read';
import { uploadRefusal } from './upload';

const refusal = (value: unknown) => {
	const parsed = csvUploadSchema.safeParse(value);
	return parsed.success ? null : uploadRefusal(parsed.error);
};

describe('the file field of the client and response CSV uploads', () => {
	it('asks for a file when none was chosen, or text was sent in its place', () => {
		expect(refusal(null)).toEqual({ status: 400, message: 'Choose a CSV file to upload.' });
		expect(refusal('name,email\nAnna,anna@example.com')).toEqual({
			status: 400,
			message: 'Choose a CSV file to upload.'
		});
		expect(refusal({ name: 'clients.csv', size: 10, __proto__: { size: 10 } })).toEqual({
			status: 400,
			message: 'Choose a CSV file to upload.'
		});
	});

	it('asks for a file when the chosen one is empty', () => {
		expect(refusal(new File([], 'clients.csv'))).toEqual({
			status: 400,
			message: 'Choose a CSV file to upload.'
		});
	});

	it('refuses a file over the limit with 413, rounding its size up', () => {
		const tooBig = new File([new Uint8Array(MAX_IMPORT_BYTES + 1)], 'clients.csv');
		expect(refusal(tooBig)).toEqual({
			status: 413,
			message: 'The file is 20.1 MB; the limit is 20 MB. Split it into smaller files.'
		});
	});

	it('takes a file up to the limit as it is', () => {
		const file = new File(['name,email\n'], 'clients.csv');
		expect(csvUploadSchema.parse(file)).toBe(file);
	});
});
