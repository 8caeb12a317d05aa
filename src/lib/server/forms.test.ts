import { describe, expect, it } from 'vitest';
import { setupSchema } from '../schemas/users';
import { parseForm } from './forms';

const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [key, value] of Object.entries(fields)) data.set(key, value);
	return data;
};

describe('form parsing', () => {
	it('returns clean data for a valid form', () => {
		const parsed = parseForm(
			setupSchema,
			form({ email: ' Olga@Example.COM ', name: ' Olga ', password: 'a long password' })
		);
		expect(parsed).toEqual({
			ok: true,
			data: { email: 'olga@example.com', name: 'Olga', password: 'a long password' }
		});
	});

	it('names each wrong field and gives back what was typed, except passwords', () => {
		const parsed = parseForm(setupSchema, form({ email: 'olga@', name: '', password: 'short' }));
		expect(parsed).toEqual({
			ok: false,
			errors: {
				email: 'Enter a valid email address, like name@example.com',
				name: 'Enter a name',
				password: 'Use at least 12 characters'
			},
			values: { email: 'olga@', name: '' }
		});
	});
});
