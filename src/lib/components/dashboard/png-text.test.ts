import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readTextChunks, withTextChunks } from './png-text';

/** A real 1×1 white PNG, built with zlib so the test needs no image library. */
function onePixelPng(): Uint8Array {
	const chunk = (type: string, data: Buffer) => {
		const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
		const length = Buffer.alloc(4);
		length.writeUInt32BE(data.length);
		const sum = Buffer.alloc(4);
		sum.writeUInt32BE(crc32(typed));
		return Buffer.concat([length, typed, sum]);
	};
	const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
	return new Uint8Array(
		Buffer.concat([
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
			chunk('IHDR', header),
			chunk('IDAT', deflateSync(Buffer.from([0, 255, 255, 255]))),
			chunk('IEND', Buffer.alloc(0))
		])
	);
}

describe('text inside an exported PNG', () => {
	it('writes UTF-8 title, filters and date after the header, and reads them back', () => {
		const texts = {
			Title: 'CSI trend',
			Description: 'Model Airline service · Segment: Enterprise, Germany · 2025-06-01 – 2026-12-02',
			'Creation Time': '2026-12-03T04:51:00.000Z'
		};
		const png = withTextChunks(onePixelPng(), texts);
		expect(readTextChunks(png)).toEqual(texts);
		// Still a PNG whose first chunk is IHDR and whose last is IEND.
		expect(new TextDecoder().decode(png.subarray(12, 16))).toBe('IHDR');
		expect(new TextDecoder().decode(png.subarray(png.length - 8, png.length - 4))).toBe('IEND');
	});

	it('computes each chunk’s CRC as the PNG specification does', () => {
		const png = withTextChunks(onePixelPng(), { Title: 'x' });
		const view = new DataView(png.buffer);
		const length = view.getUint32(33);
		const typed = png.subarray(37, 37 + 4 + length);
		const stored = view.getUint32(37 + 4 + length);
		// zlib's CRC-32 is the PNG CRC (over the chunk's type and data).
		expect(stored).toBe(crc32(typed));
	});
});
