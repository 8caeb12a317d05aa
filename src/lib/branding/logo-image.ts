/** The image types a logo may have. Never SVG: an SVG document can carry script. */
export const logoTypes = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type LogoType = (typeof logoTypes)[number];

export type ImageFacts = { type: LogoType; width: number; height: number };

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) =>
	signature.every((byte, index) => bytes[at + index] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));
const bigEndian16 = (bytes: Uint8Array, at: number) => (bytes[at]! << 8) | bytes[at + 1]!;
const littleEndian16 = (bytes: Uint8Array, at: number) => bytes[at]! | (bytes[at + 1]! << 8);
const littleEndian24 = (bytes: Uint8Array, at: number) =>
	littleEndian16(bytes, at) | (bytes[at + 2]! << 16);

/** PNG: the signature, then the IHDR chunk with width and height (PNG spec §11.2.2). */
function png(bytes: Uint8Array): ImageFacts | null {
	if (
		!startsWith(bytes, [0x89, ...ascii('PNG\r\n\x1a\n')]) ||
		!startsWith(bytes, ascii('IHDR'), 12)
	)
		return null;
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	return { type: 'image/png', width: view.getUint32(16), height: view.getUint32(20) };
}

/** JPEG: segments after the start-of-image marker up to the first start-of-frame, which holds the size. */
function jpeg(bytes: Uint8Array): ImageFacts | null {
	if (!startsWith(bytes, [0xff, 0xd8, 0xff])) return null;
	let at = 2;
	while (at + 9 <= bytes.length) {
		if (bytes[at] !== 0xff) return null;
		const marker = bytes[at + 1]!;
		// Fill bytes may pad before a marker.
		if (marker === 0xff) {
			at += 1;
			continue;
		}
		// SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
		if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
			return {
				type: 'image/jpeg',
				height: bigEndian16(bytes, at + 5),
				width: bigEndian16(bytes, at + 7)
			};
		// The image data starts (SOS) or ends (EOI) before any frame: not an image.
		if (marker === 0xda || marker === 0xd9) return null;
		at += 2 + bigEndian16(bytes, at + 2);
	}
	return null;
}

/** WebP: a RIFF container whose first chunk is lossy (VP8), lossless (VP8L) or extended (VP8X). */
function webp(bytes: Uint8Array): ImageFacts | null {
	if (!startsWith(bytes, ascii('RIFF')) || !startsWith(bytes, ascii('WEBP'), 8)) return null;
	if (startsWith(bytes, ascii('VP8 '), 12) && startsWith(bytes, [0x9d, 0x01, 0x2a], 23))
		return {
			type: 'image/webp',
			width: littleEndian16(bytes, 26) & 0x3fff,
			height: littleEndian16(bytes, 28) & 0x3fff
		};
	if (startsWith(bytes, ascii('VP8L'), 12) && bytes[20] === 0x2f && bytes.length >= 25) {
		// 14 bits each of width − 1 and height − 1, least significant bit first.
		const bits = bytes[21]! | (bytes[22]! << 8) | (bytes[23]! << 16) | (bytes[24]! << 24);
		return { type: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
	}
	if (startsWith(bytes, ascii('VP8X'), 12) && bytes.length >= 30)
		return {
			type: 'image/webp',
			width: littleEndian24(bytes, 24) + 1,
			height: littleEndian24(bytes, 27) + 1
		};
	return null;
}

/**
 * What an uploaded file really is, read from its first bytes rather than its name or the type the
 * browser claims: a PNG, JPEG or WebP image with its size in pixels, or null for anything else.
 */
export function imageFacts(bytes: Uint8Array): ImageFacts | null {
	if (bytes.length < 30) return null;
	return png(bytes) ?? jpeg(bytes) ?? webp(bytes);
}
