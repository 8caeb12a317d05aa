import { describe, expect, it } from 'vitest';
import { clientSelectionSchema } from './client-filter';

const messages = (input: unknown) => {
	const parsed = clientSelectionSchema.safeParse(input);
	return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
};

describe('the clients a bulk action is for', () => {
	it('takes the ticked ids, also when the form names no scope', () => {
		expect(clientSelectionSchema.parse({ scope: 'selected', ids: ['3', '12'] })).toEqual({
			scope: 'selected',
			ids: [3, 12]
		});
		expect(clientSelectionSchema.parse({ ids: ['7'] })).toEqual({ scope: 'selected', ids: [7] });
	});

	it('takes every match of the list’s filter', () => {
		expect(clientSelectionSchema.parse({ scope: 'all', filter: 'search=polder' })).toMatchObject({
			scope: 'all',
			filter: { search: 'polder' }
		});
	});

	it('asks for a selection when nothing is ticked', () => {
		expect(messages({ scope: 'selected', ids: [] })).toEqual(['Select at least one client.']);
	});

	it('refuses an id that is not a client id instead of dropping it', () => {
		for (const id of ['abc', '1.5', '-4', '__proto__']) {
			expect(messages({ ids: ['3', id] })).toEqual([
				'The selection holds something that is not a client; reload the list and select again.'
			]);
		}
	});

	it('refuses a filter that is no longer valid', () => {
		expect(messages({ scope: 'all', filter: 'renewalFrom=90&renewalTo=10' })).toEqual([
			'The filter is not valid any more; apply it again.'
		]);
	});

	it('refuses a scope it does not know', () => {
		expect(messages({ scope: 'everyone', ids: ['3'] })).toEqual([
			'Choose the clients ticked or all matching clients.'
		]);
	});
});
