import * as m from './paraglide/messages';

/** What the person sending a file sees when it is not UTF-8: where, and how to save it properly. */
export type Decoded = { ok: true; text: string } | { ok: false; message: string };

/**
 * The one decoder of uploaded and posted text files (CSV and JSON, from the pages and the API). It
 * refuses what is not UTF-8 instead of turning "Jürgen" from a Latin-1 file into "J�rgen", names
 * the line and byte, and drops a leading byte-order mark. Text already decoded (tests, the API's
 * JSON) only loses its byte-order mark.
 */
export function decodeUtf8File(bytes: Uint8Array | string): Decoded {
	if (typeof bytes === 'string') return { ok: true, text: bytes.replace(/^\uFEFF/, '') };
	try {
		// fatal: true refuses invalid bytes; ignoreBOM is left false, so a leading BOM is dropped.
		return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
	} catch {
		return { ok: false, message: notUtf8Message(bytes) };
	}
}

function notUtf8Message(bytes: Uint8Array): string {
	const at = firstInvalidByte(bytes);
	if (at === -1) return m.csv_not_utf8();
	let line = 1;
	let lineStart = 0;
	for (let index = 0; index < at; index++) {
		if (bytes[index] === 0x0a) {
			line += 1;
			lineStart = index + 1;
		}
	}
	const byte = `0x${bytes[at]!.toString(16).toUpperCase().padStart(2, '0')}`;
	return m.csv_not_utf8_at({ line, byte, position: at - lineStart + 1 });
}

/** The second byte's range where UTF-8 narrows it (no overlong forms, surrogates or code points past U+10FFFF). */
const secondByteRange = new Map([
	[0xe0, [0xa0, 0xbf]],
	[0xed, [0x80, 0x9f]],
	[0xf0, [0x90, 0xbf]],
	[0xf4, [0x80, 0x8f]]
]);

/** Where the first byte sequence that is not UTF-8 starts (RFC 3629, section 4), or -1. */
function firstInvalidByte(bytes: Uint8Array): number {
	let index = 0;
	while (index < bytes.length) {
		const lead = bytes[index]!;
		const length =
			lead < 0x80
				? 1
				: lead >= 0xc2 && lead <= 0xdf
					? 2
					: lead >= 0xe0 && lead <= 0xef
						? 3
						: lead >= 0xf0 && lead <= 0xf4
							? 4
							: 0;
		if (length === 0) return index;
		for (let next = 1; next < length; next++) {
			const [low, high] = next === 1 ? (secondByteRange.get(lead) ?? [0x80, 0xbf]) : [0x80, 0xbf];
			const byte = bytes[index + next];
			if (byte === undefined || byte < low! || byte > high!) return index;
		}
		index += length;
	}
	return -1;
}
