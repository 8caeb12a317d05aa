import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, parseCsv } from './read';

const lines = (...rows: string[]) => rows.join('\n') + '\n';
const utf8 = (text: string) => new TextEncoder().encode(text);
const readCsv = (file: Uint8Array | string) =>
	parseCsv(file, { emptyMessage: 'The file is empty.' });

describe('reading a CSV file', () => {
	it('refuses files over 20 MB, saying how large they are', () => {
		const tooLarge = 'a'.repeat(Math.round(23.4 * 1024 * 1024));
		expect(readCsv(tooLarge)).toEqual({
			ok: false,
			message: 'The file is 23.4 MB; the limit is 20 MB. Split it into smaller files.'
		});
		expect(readCsv(new Uint8Array(MAX_IMPORT_BYTES + 1))).toEqual({
			ok: false,
			message: 'The file is 20.1 MB; the limit is 20 MB. Split it into smaller files.'
		});
	});

	it('refuses text that is not UTF-8 and says how to save it from Excel', () => {
		const windows1252 = new Uint8Array([
			...utf8('email,name\nm@example.de,M'),
			0xfc,
			...utf8('ller\n')
		]);
		expect(readCsv(windows1252)).toEqual({
			ok: false,
			message: expect.stringContaining('"CSV UTF-8')
		});
	});

	it('refuses a quoted cell that is never closed, naming the line where it starts', () => {
		const result = readCsv(
			lines('email,name', 'ana@example.com,Ana', '', 'bob@example.com,"Bob', 'cem@example.com,Cem')
		);
		expect(result).toEqual({
			ok: false,
			message: expect.stringMatching(/^Line 4 has a quoted cell that is never closed/)
		});
	});

	it('refuses text after a closing quote, naming the line', () => {
		const result = readCsv(lines('email,name', 'ana@example.com,"Ana" Pop'));
		expect(result).toEqual({ ok: false, message: expect.stringMatching(/^Line 2 /) });
	});

	it('refuses a separator other than comma, semicolon or tab', () => {
		expect(readCsv(lines('sep=|', 'email|name'))).toEqual({
			ok: false,
			message: 'The file says its separator is "|"; use commas, semicolons or tabs.'
		});
	});
});
