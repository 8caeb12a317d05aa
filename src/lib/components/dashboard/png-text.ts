/**
 * Text chunks for a PNG (iTXt, UTF-8): the exported chart says what it shows even when the image is
 * cropped or its caption lost — title, filters and date travel inside the file, as the PNG
 * specification's Title, Description and Creation Time keywords.
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
	let crc = 0xffffffff;
	for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

const SIGNATURE_LENGTH = 8;
/** IHDR is always first: 4 bytes length, 4 type, 13 data, 4 CRC. */
const AFTER_IHDR = SIGNATURE_LENGTH + 4 + 4 + 13 + 4;

function chunk(type: string, data: Uint8Array): Uint8Array {
	const typed = new Uint8Array(4 + data.length);
	typed.set(new TextEncoder().encode(type));
	typed.set(data, 4);
	const out = new Uint8Array(4 + typed.length + 4);
	const view = new DataView(out.buffer);
	view.setUint32(0, data.length);
	out.set(typed, 4);
	view.setUint32(4 + typed.length, crc32(typed));
	return out;
}

/** iTXt: keyword, NUL, no compression (0, 0), empty language tag and translated keyword, UTF-8 text. */
function internationalText(keyword: string, text: string): Uint8Array {
	const encoder = new TextEncoder();
	const key = encoder.encode(keyword);
	const body = encoder.encode(text);
	const data = new Uint8Array(key.length + 5 + body.length);
	data.set(key);
	data.set(body, key.length + 5);
	return chunk('iTXt', data);
}

export function withTextChunks(
	png: Uint8Array,
	texts: Record<string, string>
): Uint8Array<ArrayBuffer> {
	const chunks = Object.entries(texts).map(([keyword, text]) => internationalText(keyword, text));
	const size = png.length + chunks.reduce((sum, { length }) => sum + length, 0);
	const out = new Uint8Array(size);
	out.set(png.subarray(0, AFTER_IHDR));
	let offset = AFTER_IHDR;
	for (const piece of chunks) {
		out.set(piece, offset);
		offset += piece.length;
	}
	out.set(png.subarray(AFTER_IHDR), offset);
	return out;
}

/** The iTXt texts of a PNG, by keyword: what tests (and curious owners) read back. */
export function readTextChunks(png: Uint8Array): Record<string, string> {
	const texts: Record<string, string> = {};
	const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
	const decoder = new TextDecoder();
	for (let offset = SIGNATURE_LENGTH; offset + 8 <= png.length;) {
		const length = view.getUint32(offset);
		const type = decoder.decode(png.subarray(offset + 4, offset + 8));
		if (type === 'iTXt') {
			const data = png.subarray(offset + 8, offset + 8 + length);
			const keywordEnd = data.indexOf(0);
			texts[decoder.decode(data.subarray(0, keywordEnd))] = decoder.decode(
				data.subarray(keywordEnd + 5)
			);
		}
		offset += 12 + length;
	}
	return texts;
}
