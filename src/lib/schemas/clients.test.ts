import { describe, expect, it } from 'vitest';
import { erasureConfirmationSchema } from './clients';

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
