import { describe, expect, it } from 'vitest';
import { decodeUtf8File } from './utf8-file';

const bytes = (...parts: (string | number[])[]) =>
	new Uint8Array(
		parts.flatMap((part) => (typeof part === 'string' ? [...new TextEncoder().encode(part)] : part))
	);

describe('reading an uploaded or posted file as UTF-8', () => {
	it('reads UTF-8 text with its accents and drops a leading byte-order mark', () => {
		expect(
			decodeUtf8File(bytes([0xef, 0xbb, 0xbf], 'email,name\nj@example.de,Jürgen Škoda 😀\n'))
		).toEqual({ ok: true, text: 'email,name\nj@example.de,Jürgen Škoda 😀\n' });
		expect(decodeUtf8File('\uFEFFemail,name')).toEqual({ ok: true, text: 'email,name' });
	});

	it('refuses a Latin-1 file, naming the line and byte, and says how to save it as UTF-8', () => {
		const latin1 = bytes('email,name\nj@example.de,J', [0xfc], 'rgen\n');
		expect(decodeUtf8File(latin1)).toEqual({
			ok: false,
			message:
				'The file is not UTF-8 text: line 2 holds the byte 0xFC (byte 15 of the line), which UTF-8 does not allow there; Latin-1 and Windows-1252 files write letters such as ü or é that way. Save the file as UTF-8 (in Excel: "CSV UTF-8 (comma delimited)") and send it again.'
		});
	});

	it('points at the start of a broken sequence, not at the byte after it', () => {
		// "é" in Windows-1252 (0xE9) looks like the start of a three-byte character to UTF-8.
		expect(decodeUtf8File(bytes('Caf', [0xe9], ' au lait'))).toMatchObject({
			ok: false,
			message: expect.stringContaining('line 1 holds the byte 0xE9 (byte 4 of the line)')
		});
	});

	it('refuses overlong forms and UTF-16 surrogates, which a lenient decoder would let through as garbage', () => {
		expect(decodeUtf8File(bytes('a', [0xc0, 0xaf]))).toMatchObject({
			ok: false,
			message: expect.stringContaining('byte 0xC0')
		});
		expect(decodeUtf8File(bytes('a', [0xed, 0xa0, 0x80]))).toMatchObject({
			ok: false,
			message: expect.stringContaining('byte 0xED')
		});
	});
});
