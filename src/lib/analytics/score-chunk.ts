/**
 * The responses of one survey version and day, packed column by column so a scan reads them as
 * typed arrays: per response its id, a number naming its dimensions, its client's value, its NPS
 * answer and one byte per rated item (the version's `ratedItems`). About 22 bytes a response for
 * a survey of five items, where the answers table holds a row per question.
 *
 * Layout (little-endian): a 16-byte header (format, count, items per response, 0), then values
 * f64 (NaN: none), ids u32, signatures u32, NPS u8 (255: none), ratings u8 × items (0: none).
 */
import type { RespondentScores } from './csi-cell';

const FORMAT = 1;
const HEADER = 16;
const NO_NPS = 255;
const MAX_U32 = 0xffff_ffff;

export type ScoreRow = { id: number; signature: number; scores: RespondentScores };

export type ScoreChunk = {
	count: number;
	/** Rated items per response. */
	width: number;
	ids: Uint32Array;
	signatures: Uint32Array;
	/** The client's value, NaN when the response has none. */
	values: Float64Array;
	/** NPS answers 0–10, `NO_NPS` for none (`npsOf` reads it). */
	nps: Uint8Array;
	/** `width` ratings per response, 1–5, 0 for not answered. */
	ratings: Uint8Array;
};

// Typed arrays read the machine's byte order; every platform Node runs on in practice is little-endian.
const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function checkByteOrder() {
	if (!littleEndian) throw new Error('Packed analytics chunks need a little-endian machine');
}

const isRating = (value: number) => Number.isInteger(value) && value >= 1 && value <= 5;

/**
 * Packs responses scored by `respondentScores`, checking what `addRespondent` checks so a bad
 * stored answer fails here as it would there. `items` must hold every item rated.
 */
export function packScores(items: readonly string[], rows: ScoreRow[]): Uint8Array {
	checkByteOrder();
	const count = rows.length;
	const width = items.length;
	const position = new Map(items.map((item, i) => [item, i]));
	const bytes = new Uint8Array(HEADER + count * (17 + width));
	const header = new Uint32Array(bytes.buffer, 0, 4);
	header[0] = FORMAT;
	header[1] = count;
	header[2] = width;
	const chunk = viewsOf(bytes, count, width);
	rows.forEach(({ id, signature, scores }, row) => {
		if (!Number.isInteger(id) || id < 1 || id > MAX_U32)
			throw new RangeError(`Response id ${id} does not fit a packed chunk`);
		if (!Number.isInteger(signature) || signature < 1 || signature > MAX_U32)
			throw new RangeError(`Signature ${signature} does not fit a packed chunk`);
		chunk.ids[row] = id;
		chunk.signatures[row] = signature;
		chunk.values[row] = typeof scores.value === 'number' ? scores.value : NaN;
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
			chunk.ratings[row * width + at] = rating;
		}
	});
	return bytes;
}

function viewsOf(bytes: Uint8Array, count: number, width: number): ScoreChunk {
	const { buffer, byteOffset } = bytes;
	let at = byteOffset + HEADER;
	const values = new Float64Array(buffer, at, count);
	at += count * 8;
	const ids = new Uint32Array(buffer, at, count);
	at += count * 4;
	const signatures = new Uint32Array(buffer, at, count);
	at += count * 4;
	const nps = new Uint8Array(buffer, at, count);
	at += count;
	const ratings = new Uint8Array(buffer, at, count * width);
	return { count, width, ids, signatures, values, nps, ratings };
}

/** Reads a packed chunk without copying it, unless it sits where a Float64Array cannot start. */
export function unpackScores(stored: Uint8Array): ScoreChunk {
	checkByteOrder();
	const bytes = stored.byteOffset % 8 === 0 ? stored : new Uint8Array(stored);
	const header = new Uint32Array(bytes.buffer, bytes.byteOffset, 4);
	if (header[0] !== FORMAT) throw new Error(`Unknown score chunk format ${header[0]}`);
	const count = header[1]!;
	const width = header[2]!;
	if (bytes.length !== HEADER + count * (17 + width))
		throw new Error('A score chunk is cut short or too long');
	return viewsOf(bytes, count, width);
}

/** The NPS answer of a packed response, -1 for none (as `CellSums.add` takes it). */
export const npsOf = (chunk: ScoreChunk, row: number) =>
	chunk.nps[row] === NO_NPS ? -1 : chunk.nps[row]!;
