import { describe, expect, it } from 'vitest';
import { maskedEmail } from './masked-email';

describe('a masked email address', () => {
	it('keeps the first letters of name and domain and the top-level domain', () => {
		expect(maskedEmail('lena.leave@example.com')).toBe('l•••@e•••.com');
		expect(maskedEmail('x@mail.example.co.uk')).toBe('x•••@m•••.uk');
	});

	it('tells nothing of the length of name or domain', () => {
		expect(maskedEmail('a@bc.de')).toBe(maskedEmail('abcdefgh@bcdefgh.de'));
	});

	it('keeps an initial outside ASCII whole', () => {
		expect(maskedEmail('ödön@ünïcode.hu')).toBe('ö•••@ü•••.hu');
		expect(maskedEmail('😀fan@example.org')).toBe('😀•••@e•••.org');
	});

	it('masks a domain without a dot whole', () => {
		expect(maskedEmail('root@localhost')).toBe('r•••@l•••');
	});
});
