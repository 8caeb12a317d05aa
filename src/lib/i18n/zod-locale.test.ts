import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getLocale, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';
import { nameSchema, newPasswordSchema } from '$lib/schemas/users';
import './zod-locale';

const requestLocale = getLocale;
const speak = (locale: Locale) => overwriteGetLocale(() => locale);
const messagesOf = (result: { error?: z.ZodError }) =>
	result.error?.issues.map((issue) => issue.message);

afterEach(() => overwriteGetLocale(requestLocale));

describe('validation messages', () => {
	it('word what a schema leaves to zod in the reader’s language', () => {
		const amount = z.number();
		expect(messagesOf(amount.safeParse('12'))).toEqual([
			'Invalid input: expected number, received string'
		]);
		speak('de');
		expect(messagesOf(amount.safeParse('12'))).toEqual([
			'Ungültige Eingabe: erwartet Zahl, erhalten string'
		]);
	});

	it('keep a schema’s own message, in the reader’s language', () => {
		speak('de');
		expect(messagesOf(nameSchema.safeParse(''))).toEqual(['Geben Sie einen Namen ein']);
		speak('ro');
		expect(messagesOf(newPasswordSchema.safeParse('x'.repeat(300)))).toEqual([
			'Folosiți cel mult 256 de caractere'
		]);
		speak('en');
		expect(messagesOf(nameSchema.safeParse(''))).toEqual(['Enter a name']);
	});
});
