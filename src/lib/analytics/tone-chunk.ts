/**
 * The scored texts of one day — open answers of a survey version, or reviews of one source —
 * packed column by column: per text its id, moment, a number for its dimensions (answers) or its
 * client (reviews), language, question, label and the factors its sentences are about. The
 * sentiment panels count these without reading a text.
 *
 * Layout (little-endian): a 16-byte header (format, texts, aspects, 0), then the aspects'
 * comparatives f64, per text id, milliseconds into the day, signature, language, question (u32),
 * the aspects' factors (u32), per text label and number of aspects (u8), the aspects' labels (u8).
 */
import type { Label } from './sentiment-summary';

const FORMAT = 1;
const HEADER = 16;
const MAX_U32 = 0xffff_ffff;

/** Labels as stored: 0 for a text not scored. */
export const labelCodes: readonly (Label | null)[] = [null, 'positive', 'neutral', 'negative'];
const codeOf = (label: Label | null) => labelCodes.indexOf(label);

export type ToneAspect = { factor: number; label: Label; comparative: number };

export type ToneRow = {
	id: number;
	/** Milliseconds since the start of the text's UTC day. */
	time: number;
	/** Answers: the number naming the response's dimensions; reviews: the client's id, 0 for none. */
	signature: number;
	/** Numbers naming the detected language and the question (0: none). */
	language: number;
	question: number;
	label: Label | null;
	aspects: ToneAspect[];
};

export type ToneChunk = {
	count: number;
	ids: Uint32Array;
	times: Uint32Array;
	signatures: Uint32Array;
	languages: Uint32Array;
	questions: Uint32Array;
	/** Codes of `labelCodes`. */
	labels: Uint8Array;
	/** Where each text's aspects start in the aspect columns; text i has `aspectStarts[i + 1] - aspectStarts[i]`. */
	aspectStarts: Uint32Array;
	aspectFactors: Uint32Array;
	aspectLabels: Uint8Array;
	aspectComparatives: Float64Array;
};

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function checkU32(value: number, what: string) {
	if (!Number.isInteger(value) || value < 0 || value > MAX_U32)
		throw new RangeError(`${what} ${value} does not fit a packed chunk`);
}

const sizeOf = (count: number, aspects: number) => HEADER + aspects * 13 + count * 22;

type Columns = Omit<ToneChunk, 'aspectStarts'> & { aspectCounts: Uint8Array };

function columnsOf(bytes: Uint8Array, count: number, aspects: number): Columns {
	const { buffer, byteOffset } = bytes;
	let at = byteOffset + HEADER;
	const next = <T>(make: (offset: number) => T, size: number) => {
		const view = make(at);
		at += size;
		return view;
	};
	const aspectComparatives = next((o) => new Float64Array(buffer, o, aspects), aspects * 8);
	const u32 = (length: number) => next((o) => new Uint32Array(buffer, o, length), length * 4);
	const ids = u32(count);
	const times = u32(count);
	const signatures = u32(count);
	const languages = u32(count);
	const questions = u32(count);
	const aspectFactors = u32(aspects);
	const u8 = (length: number) => next((o) => new Uint8Array(buffer, o, length), length);
	const labels = u8(count);
	const aspectCounts = u8(count);
	const aspectLabels = u8(aspects);
	return {
		count,
		ids,
		times,
		signatures,
		languages,
		questions,
		labels,
		aspectCounts,
		aspectFactors,
		aspectLabels,
		aspectComparatives
	};
}

export function packTones(rows: ToneRow[]): Uint8Array {
	if (!littleEndian) throw new Error('Packed analytics chunks need a little-endian machine');
	const aspects = rows.reduce((sum, row) => sum + row.aspects.length, 0);
	const bytes = new Uint8Array(sizeOf(rows.length, aspects));
	const header = new Uint32Array(bytes.buffer, 0, 4);
	header[0] = FORMAT;
	header[1] = rows.length;
	header[2] = aspects;
	const columns = columnsOf(bytes, rows.length, aspects);
	let aspect = 0;
	rows.forEach((row, i) => {
		checkU32(row.id, 'Id');
		checkU32(row.time, 'Time');
		checkU32(row.signature, 'Signature');
		checkU32(row.language, 'Language');
		checkU32(row.question, 'Question');
		if (row.aspects.length > 255) throw new RangeError('A text names at most 255 factors here');
		columns.ids[i] = row.id;
		columns.times[i] = row.time;
		columns.signatures[i] = row.signature;
		columns.languages[i] = row.language;
		columns.questions[i] = row.question;
		columns.labels[i] = codeOf(row.label);
		columns.aspectCounts[i] = row.aspects.length;
		for (const { factor, label, comparative } of row.aspects) {
			checkU32(factor, 'Factor');
			columns.aspectFactors[aspect] = factor;
			columns.aspectLabels[aspect] = codeOf(label);
			columns.aspectComparatives[aspect] = comparative;
			aspect++;
		}
	});
	return bytes;
}

/** Reads a packed chunk without copying it, unless it sits where a Float64Array cannot start. */
export function unpackTones(stored: Uint8Array): ToneChunk {
	if (!littleEndian) throw new Error('Packed analytics chunks need a little-endian machine');
	const bytes = stored.byteOffset % 8 === 0 ? stored : new Uint8Array(stored);
	const header = new Uint32Array(bytes.buffer, bytes.byteOffset, 4);
	if (header[0] !== FORMAT) throw new Error(`Unknown tone chunk format ${header[0]}`);
	const count = header[1]!;
	const aspects = header[2]!;
	if (bytes.length !== sizeOf(count, aspects))
		throw new Error('A tone chunk is cut short or too long');
	const { aspectCounts, ...columns } = columnsOf(bytes, count, aspects);
	const aspectStarts = new Uint32Array(count + 1);
	for (let i = 0; i < count; i++) aspectStarts[i + 1] = aspectStarts[i]! + aspectCounts[i]!;
	return { ...columns, aspectStarts };
}
