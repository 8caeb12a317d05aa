import { describe, expect, it } from 'vitest';
import { confirmedCountSchema, needsConfirmation } from './bulk-confirmation';

describe('confirming a bulk change', () => {
	it('lets a handful through at once and asks for more', () => {
		expect(needsConfirmation(1, undefined)).toBe(false);
		expect(needsConfirmation(5, undefined)).toBe(false);
		expect(needsConfirmation(6, undefined)).toBe(true);
		expect(needsConfirmation(145, undefined)).toBe(true);
	});

	it('takes a confirmation only for the number it was asked about', () => {
		expect(needsConfirmation(145, 145)).toBe(false);
		expect(needsConfirmation(146, 145)).toBe(true);
		expect(needsConfirmation(144, 145)).toBe(true);
	});

	it('reads the confirmed number from the form, and treats anything else as not confirmed', () => {
		expect(confirmedCountSchema.parse({ confirmedCount: '145' })).toEqual({ confirmedCount: 145 });
		expect(confirmedCountSchema.parse({})).toEqual({ confirmedCount: undefined });
		expect(confirmedCountSchema.parse({ confirmedCount: 'yes' })).toEqual({
			confirmedCount: undefined
		});
		expect(confirmedCountSchema.parse({ confirmedCount: '-3' })).toEqual({
			confirmedCount: undefined
		});
	});
});
