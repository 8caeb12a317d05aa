import { describe, expect, it } from 'vitest';
import { recordId } from './ids';

describe('a record id sent back by a form', () => {
	const campaignId = recordId(() => 'The form lost its campaign; reload the page.');

	it('reads the number a hidden field or button sent', () => {
		expect(campaignId.parse('42')).toBe(42);
	});

	it('answers anything else with the form’s own message', () => {
		for (const value of [undefined, '', 'abc', '1.5', '0', '-3', '__proto__', '1e400']) {
			expect(campaignId.safeParse(value).error?.issues.map((issue) => issue.message)).toEqual([
				'The form lost its campaign; reload the page.'
			]);
		}
	});
});
