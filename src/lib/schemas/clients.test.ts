import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { erasureConfirmationSchema, languageName } from './clients';

describe('language names', () => {
	const requestLocale = getLocale;
	afterEach(() => overwriteGetLocale(requestLocale));

	it('name a language in the reader’s language', () => {
		expect(languageName('de')).toBe('German');
		overwriteGetLocale(() => 'de');
		expect(languageName('de')).toBe('Deutsch');
		expect(languageName('fi')).toBe('Finnisch');
	});

	it('give an unknown tag as it is', () => {
		expect(languageName('xx')).toBe('xx');
	});
});

describe('the tick that confirms erasing clients', () => {
	it('erases only when the box is ticked', () => {
		expect(erasureConfirmationSchema.safeParse({ confirm: 'on' }).success).toBe(true);
	});

	it('asks for the tick when it is missing or anything else was sent', () => {
		for (const form of [
			{},
			{ confirm: '' },
			{ confirm: 'yes' },
			{ confirm: ['on'] },
			{ confirm: '__proto__' }
		]) {
			const parsed = erasureConfirmationSchema.safeParse(form);
			expect(parsed.error?.issues.map((issue) => issue.message)).toEqual([
				'Tick the box to confirm the erasure.'
			]);
		}
	});
});
