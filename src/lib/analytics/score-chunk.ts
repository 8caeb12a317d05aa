/**
 * The responses of one survey version and day, packed column by column so a scan reads them as
 * typed arrays, in the order of their ids: per response a number naming its dimensions, its
 * client's value, its NPS answer and half a byte per rated item (the version's `ratedItems`).
 * About 12 bytes a response for a survey of five items, where the answers table holds a row per
 * question; the fewer bytes, the faster a million are read.
 *
 * Layout (little-endian): a 24-byte header (format, count, items per response, flags, lowest and
 * highest response id), then the values (f32 when every one of them is exactly a f32, else f64;
 * NaN: none), signatures u32, NPS u8 (255: none), ratings as 4-bit numbers (0: none).
 */
import type { RespondentScores } from './csi-cell';

const FORMAT = 2;
const HEADER = 24;
const NO_NPS = 255;
const MAX_U32 = 0xffff_ffff;
const SINGLE_VALUES = 1;

export type ScoreRow = { id: number; signature: number; scores: RespondentScores };

export type ScoreChunk = {
	count: number;
	/** Rated items per response. */
	width: number;
	/** The lowest and highest response id packed. */
	firstId: number;
	lastId: number;
	signatures: Uint32Array;
	/** The client's value, NaN when the response has none. */
	values: Float32Array | Float64Array;
	/** NPS answers 0–10, `NO_NPS` for none (`npsOf` reads it). */
	nps: Uint8Array;
	/** `width` ratings per response, 1–5 or 0 for not answered, two to a byte (`ratingAt` reads one). */
	ratings: Uint8Array;
};

// Typed arrays read the machine's byte order; every platform Node runs on in practice is little-endian.
const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function checkByteOrder() {
	if (!littleEndian) throw new Error('Packed analytics chunks need a little-endian machine');
}

const isRating = (value: number) => Number.isInteger(value) && value >= 1 && value <= 5;

const sizeOf = (count: number, width: number, valueBytes: number) =>
	HEADER + count * (valueBytes + 5) + Math.ceil((count * width) / 2);

/** Rating number `index` (row × width + item) of a chunk's ratings. */
export const ratingAt = (ratings: Uint8Array, index: number) =>
	(ratings[index >> 1]! >> ((index & 1) << 2)) & 15;

/**
 * Packs responses scored by `respondentScores`, in id order, checking what `addRespondent`
 * checks so a bad stored answer fails here as it would there. `items` must hold every item rated.
 */
export function packScores(items: readonly string[], rows: ScoreRow[]): Uint8Array {
	checkByteOrder();
	const count = rows.length;
	const width = items.length;
	const position = new Map(items.map((item, i) => [item, i]));
	const values = rows.map(({ scores }) => (typeof scores.value === 'number' ? scores.value : NaN));
	const single = values.every((value) => Number.isNaN(value) || Math.fround(value) === value);
	const bytes = new Uint8Array(sizeOf(count, width, single ? 4 : 8));
	const header = new Uint32Array(bytes.buffer, 0, 6);
	header[0] = FORMAT;
	header[1] = count;
	header[2] = width;
	header[3] = single ? SINGLE_VALUES : 0;
	const chunk = viewsOf(bytes, count, width, single);
	rows.forEach(({ id, signature, scores }, row) => {
		if (!Number.isInteger(id) || id < 1 || id > MAX_U32)
			throw new RangeError(`Response id ${id} does not fit a packed chunk`);
		if (row > 0 && id <= rows[row - 1]!.id)
			throw new RangeError('Responses are packed in id order');
		if (!Number.isInteger(signature) || signature < 1 || signature > MAX_U32)
			throw new RangeError(`Signature ${signature} does not fit a packed chunk`);
		chunk.signatures[row] = signature;
		chunk.values[row] = values[row]!;
		const nps = scores.nps;
		if (nps !== null && nps !== undefined) {
			if (!Number.isInteger(nps) || nps < 0 || nps > 10)
				throw new RangeError(`NPS answer must be 0–10, got ${nps}`);
			chunk.nps[row] = nps;
		} else chunk.nps[row] = NO_NPS;
		for (const [item, rating] of Object.entries(scores.ratings)) {
			if (!isRating(rating)) throw new RangeError(`Rating for ${item} must be 1–5, got ${rating}`);
			const at = position.get(item);
			if (at === undefined) throw new RangeError(`${item} is not an item of this survey version`);
			const index = row * width + at;
			chunk.ratings[index >> 1]! |= rating << ((index & 1) << 2);
		}
	});
	header[4] = rows[0]?.id ?? 0;
	header[5] = rows.at(-1)?.id ?? 0;
	return bytes;
}

function viewsOf(
	bytes: Uint8Array,
	count: number,
	width: number,
	single: boolean
): Omit<ScoreChunk, 'firstId' | 'lastId'> {
	const { buffer, byteOffset } = bytes;
	let at = byteOffset + HEADER;
	const values = single ? new Float32Array(buffer, at, count) : new Float64Array(buffer, at, count);
	at += count * (single ? 4 : 8);
	const signatures = new Uint32Array(buffer, at, count);
	at += count * 4;
	const nps = new Uint8Array(buffer, at, count);
	at += count;
	const ratings = new Uint8Array(buffer, at, Math.ceil((count * width) / 2));
	return { count, width, signatures, values, nps, ratings };
}

/** Reads a packed chunk without copying it, unless it sits where a Float64Array cannot start. */
export function unpackScores(stored: Uint8Array): ScoreChunk {
	checkByteOrder();
	const bytes = stored.byteOffset % 8 === 0 ? stored : new Uint8Array(stored);
	const header = new Uint32Array(bytes.buffer, bytes.byteOffset, 6);
	if (header[0] !== FORMAT) throw new Error(`Unknown score chunk format ${header[0]}`);
	const count = header[1]!;
	const width = header[2]!;
	const single = (header[3]! & SINGLE_VALUES) !== 0;
	if (bytes.length !== sizeOf(count, width, single ? 4 : 8))
		throw new Error('A score chunk is cut short or too long');
	return { ...viewsOf(bytes, count, width, single), firstId: header[4]!, lastId: header[5]! };
}

/** The NPS answer of a packed response, -1 for none (as `PackedRespondent.read` takes it). */
export const npsOf = (chunk: ScoreChunk, row: number) =>
	chunk.nps[row] === NO_NPS ? -1 : chunk.nps[row]!;
