import { describe, expect, it } from 'vitest';
import { columnName, columnsByField, headerKey, headerTable, mapHeaders } from './header-mapping';

const fields = ['email', 'name'] as const;
const exact = headerTable(fields, (field) => [field]);
const synonyms = headerTable(fields, (field) =>
	field === 'email' ? ['E-mail address', 'Sähköposti'] : ['Full name', 'Contact name']
);

describe('matching headers to fields', () => {
	it('ignores case, accents, spaces and punctuation', () => {
		expect(['E-Mail', ' e-mail ', 'EMAIL', 'e_mail'].map(headerKey)).toEqual(
			Array(4).fill('email')
		);
		expect(headerKey('Sähköposti')).toBe('sahkoposti');
		expect(headerKey('Straße')).toBe('strasse');
	});

	it('prefers a field’s own name to a synonym, and gives each field to one column', () => {
		expect(
			mapHeaders(['Contact name', 'SÄHKÖPOSTI', 'Name', 'Full name'], [exact, synonyms])
		).toEqual([null, 'email', 'name', null]);
	});

	it('leaves unknown and empty headers unmapped, including names every object has', () => {
		expect(mapHeaders(['constructor', '', 'notes'], [exact, synonyms])).toEqual([null, null, null]);
	});

	it('names columns by header, or by place when the header is empty, to say which clash', () => {
		expect(columnName(['email', ''], 1)).toBe('Column 2');
		expect(columnsByField(['email', null, 'email'], ['Mail', 'x', ''])).toEqual(
			new Map([['email', ['Mail', 'Column 3']]])
		);
	});
});
