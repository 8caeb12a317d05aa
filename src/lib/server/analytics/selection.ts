import { and, asc, eq, gt, gte, inArray, lt, lte, or, sql } from 'drizzle-orm';
import {
	addRespondent,
	emptyCell,
	mergeCell,
	type CsiCell,
	type RespondentScores
} from '../../analytics/csi-cell';
import {
	dimensionsOf,
	EVERYONE,
	PAIR_SEPARATOR,
	pairDimension,
	type ResponseContext
} from '../../analytics/dimensions';
import { CellSums, PackedRespondent } from '../../analytics/cell-sums';
import { npsOf } from '../../analytics/score-chunk';
import { respondentScores } from '../../surveys/scores';
import type { Queryable } from '../db';
import { answers, csiCells, responses } from '../db/schema';
import { utcDay } from '../../dates';
import { cellKeysOf, periodOfCell, type CellTarget } from './cells';
import { ByName, isStoredName } from './names';
import { keptRead, whileUnchanged } from './read-cache';
import { packedDayUpTo, scoreDaysIn, signatureDimensions, type DayRange } from './score-chunks';
import { surveyVersions } from './survey-versions';
import { lastCharacters, positionOf } from '../db/dialect';

export type CellRow = { surveyVersionId: number; dimension: string; day: string; cell: CsiCell };

/** Which responses count: survey versions, an inclusive day range, and dimensions a response must have had. */
export type Selection = {
	versionIds: number[];
	from?: string | undefined;
	to?: string | undefined;
	required: string[];
};

/**
 * Which cells to return: one dimension, every dimension of a kind (`tag:`; the empty prefix means
 * every cell there is, pairs included), or a dimension and every pair it is part of (a rebuild).
 */
export type Wanted = { dimension: string } | { prefix: string } | { involving: string };

export function isWanted(wanted: Wanted, name: string): boolean {
	if ('dimension' in wanted) return name === wanted.dimension;
	if ('involving' in wanted)
		return name === wanted.involving || name.split(PAIR_SEPARATOR).includes(wanted.involving);
	return wanted.prefix === '' || (name.startsWith(wanted.prefix) && !name.includes(PAIR_SEPARATOR));
}

/** `day` rows for trends by week; `month` rows (plus the days of partial months at the range's ends) otherwise. */
export type Resolution = 'day' | 'month';

/**
 * Cells for a selection, so the cost follows periods × dimensions where cells are kept: one filter
 * reads its dimension's cells; a filter with a comparison, or two filters, read the pair cells,
 * which are kept by month (the ragged days at a range's ends are summed from their packed
 * responses). Anything more (three filters, or two and a comparison, or weeks under two filters)
 * is summed from the packed responses of the range (`scannedCells`): no answer is read.
 */
export async function selectionCells(
	db: Queryable,
	selection: Selection,
	wanted: Wanted,
	resolution: Resolution = 'month'
): Promise<CellRow[]> {
	if (!selection.versionIds.length) return [];
	const everyone = 'dimension' in wanted && wanted.dimension === EVERYONE;
	const [first, second, ...more] = selection.required;
	if (first === undefined || (second === undefined && everyone)) {
		return storedCells(
			db,
			selection,
			first === undefined ? wanted : { dimension: first },
			resolution
		);
	}
	if (
		resolution === 'month' &&
		more.length === 0 &&
		(second === undefined ? 'prefix' in wanted && wanted.prefix !== '' : everyone)
	) {
		return pairCells(
			db,
			selection,
			second === undefined
				? { within: first, prefix: (wanted as { prefix: string }).prefix }
				: { pair: pairDimension(first, second) }
		);
	}
	return scannedCells(db, selection, wanted, resolution);
}

/** A day range split into whole months and the ragged days at its ends (ranges inclusive). */
export function rangeParts(
	from: string | undefined,
	to: string | undefined
): { months: { from?: string; to?: string } | null; days: [string, string][] } {
	const firstFull =
		!from || from.endsWith('-01')
			? from?.slice(0, 7)
			: utcDay(Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)), 1)).slice(0, 7);
	const dayAfterTo = to && utcDay(Date.parse(`${to}T00:00:00Z`) + 86_400_000);
	const lastFull =
		!to || dayAfterTo!.endsWith('-01')
			? to?.slice(0, 7)
			: utcDay(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 2, 1)).slice(0, 7);
	if (from && to && firstFull && lastFull && firstFull > lastFull)
		return { months: null, days: [[from, to]] };
	const days: [string, string][] = [];
	if (from && firstFull !== from.slice(0, 7))
		days.push([from, utcDay(Date.parse(`${firstFull}-01T00:00:00Z`) - 86_400_000)]);
	if (to && lastFull !== to.slice(0, 7))
		days.push([utcDay(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 1, 1)), to]);
	return {
		months: { ...(firstFull ? { from: firstFull } : {}), ...(lastFull ? { to: lastFull } : {}) },
		days
	};
}

const isMonth = sql`length(${csiCells.day}) = 7`;
const isDay = sql`length(${csiCells.day}) = 10`;

async function storedCells(
	db: Queryable,
	selection: Selection,
	wanted: Wanted,
	resolution: Resolution
): Promise<CellRow[]> {
	const parts = rangeParts(selection.from, selection.to);
	const periods =
		resolution === 'day'
			? and(
					isDay,
					selection.from ? gte(csiCells.day, selection.from) : undefined,
					selection.to ? lte(csiCells.day, selection.to) : undefined
				)
			: or(
					parts.months
						? and(
								isMonth,
								parts.months.from ? gte(csiCells.day, parts.months.from) : undefined,
								parts.months.to ? lte(csiCells.day, parts.months.to) : undefined
							)
						: undefined,
					...parts.days.map(([from, to]) =>
						and(isDay, gte(csiCells.day, from), lte(csiCells.day, to))
					)
				);
	const dimension =
		'dimension' in wanted
			? eq(csiCells.dimension, wanted.dimension)
			: 'prefix' in wanted
				? wanted.prefix === ''
					? undefined
					: and(startsWith(wanted.prefix), notPair)
				: eq(csiCells.dimension, wanted.involving);
	return await db
		.select()
		.from(csiCells)
		.where(and(inArray(csiCells.surveyVersionId, selection.versionIds), dimension, periods));
}

// Checked on the key, so the pair cells a prefix's range also holds are never read.
const notPair = sql`${positionOf(csiCells.dimension, PAIR_SEPARATOR)} = 0`;

/** Dimensions starting with `prefix`, as an index range (LIKE would read `_` and `%` in tag names as wildcards). */
const startsWith = (prefix: string) =>
	and(gte(csiCells.dimension, prefix), lt(csiCells.dimension, `${prefix}\uffff`));

/**
 * Pair cells by month: `within` a filter, every dimension of a kind paired with it (returned under
 * that dimension's own name), or one pair of two filters (returned as everyone). The ragged days
 * at the range's ends come from their responses.
 */
async function pairCells(
	db: Queryable,
	selection: Selection,
	target: { within: string; prefix: string } | { pair: string }
): Promise<CellRow[]> {
	const parts = rangeParts(selection.from, selection.to);
	const rows: CellRow[] = [];
	if (parts.months) {
		const months = and(
			isMonth,
			parts.months.from ? gte(csiCells.day, parts.months.from) : undefined,
			parts.months.to ? lte(csiCells.day, parts.months.to) : undefined
		);
		// Comparing by the filter's own kind, the filter's own group is its single cell (there is no pair of a dimension with itself).
		const dimension =
			'pair' in target
				? eq(csiCells.dimension, target.pair)
				: or(
						target.within.startsWith(target.prefix)
							? eq(csiCells.dimension, target.within)
							: undefined,
						startsWith(`${target.within}${PAIR_SEPARATOR}${target.prefix}`),
						and(
							startsWith(target.prefix),
							sql`${lastCharacters(csiCells.dimension, target.within.length + 1)} = ${PAIR_SEPARATOR + target.within}`
						)
					);
		for (const row of await db
			.select()
			.from(csiCells)
			.where(and(inArray(csiCells.surveyVersionId, selection.versionIds), dimension, months))) {
			const members = row.dimension.split(PAIR_SEPARATOR);
			const name =
				'pair' in target
					? EVERYONE
					: members.length === 1
						? row.dimension
						: members[0] === target.within && members[1]!.startsWith(target.prefix)
							? members[1]!
							: members[0]!;
			rows.push({ ...row, dimension: name });
		}
	}
	const wanted: Wanted = 'pair' in target ? { dimension: EVERYONE } : { prefix: target.prefix };
	for (const [from, to] of parts.days)
		rows.push(...(await scannedCells(db, { ...selection, from, to }, wanted, 'day')));
	return rows;
}

/**
 * The selection's cells summed from its packed responses (`score_chunks`): cell rows by day, or
 * by month for `month`, with the numbers `cellsFromResponses` gives. Only single dimensions are
 * summed (pairs never). Everyone's months are summed with every dimension's at once, and kept
 * while the data is unchanged: a page that shows the trend and a comparison of a selection no cell
 * covers then scans its responses once for the months.
 */
async function scannedCells(
	db: Queryable,
	selection: Selection,
	wanted: Wanted,
	resolution: Resolution
): Promise<CellRow[]> {
	const summed = async (chosen: Wanted) => {
		const sums = new PackedSums((dimensions) =>
			selection.required.every((name) => dimensions.includes(name))
				? dimensions
						.filter((name) => isWanted(chosen, name) && !name.includes(PAIR_SEPARATOR))
						.map((dimension) => ({ dimension, by: resolution }))
				: []
		);
		await sums.add(db, selection);
		return sums.rows();
	};
	const key = `months|${JSON.stringify([selection.versionIds, selection.from, selection.to, selection.required])}`;
	if (resolution === 'month' && 'dimension' in wanted && wanted.dimension === EVERYONE)
		return (
			await whileUnchanged(
				db,
				key,
				() => summed({ prefix: '' }),
				(rows) => rows.length * CELL_BYTES
			)
		).filter(({ dimension }) => dimension === EVERYONE);
	const months = resolution === 'month' ? await keptRead<CellRow[]>(db, key) : undefined;
	if (months) return months.filter(({ dimension }) => isWanted(wanted, dimension));
	return summed(wanted);
}

// About what a cell takes in memory, to weigh what is kept.
const CELL_BYTES = 2000;

/** A cell row being summed from packed responses. */
type SummedRow = Omit<CellRow, 'cell'> & { sums: CellSums };

const NOWHERE = new Int32Array(0);

/**
 * Cells summed from packed responses: each response is added to the cells `targetsOf` names for
 * its dimensions (by day or by month). What a signature counts in is worked out once, so the cost
 * is a pass over a few bytes per response and the sums of those counted; a rebuild adds its
 * slices of days one after another.
 */
export class PackedSums {
	private readonly sums = new Map<string, SummedRow>();
	private readonly targets: CellTarget[] = [];
	private readonly targetIndex = new Map<string, number>();
	// By stored signature number; a reader's own numbers hold only within one read.
	private readonly ofSignature: Int32Array[] = [];
	// The rows of one version and period, by target.
	private readonly slots = new Map<string, (SummedRow | undefined)[]>();

	constructor(private readonly targetsOf: (dimensions: string[]) => CellTarget[]) {}

	private targetsOfDimensions(dimensions: string[]): Int32Array {
		const chosen = this.targetsOf(dimensions);
		if (!chosen.length) return NOWHERE;
		return Int32Array.from(chosen, (target) => {
			const key = `${target.by}|${target.dimension}`;
			let index = this.targetIndex.get(key);
			if (index === undefined) {
				this.targetIndex.set(key, (index = this.targets.length));
				this.targets.push(target);
			}
			return index;
		});
	}

	private slotOf(versionId: number, period: string): (SummedRow | undefined)[] {
		const key = `${versionId}|${period}`;
		let slot = this.slots.get(key);
		if (!slot) this.slots.set(key, (slot = []));
		return slot;
	}

	/** Adds the packed responses of a range with an id up to `upToId`; returns how many were read. */
	async add(db: Queryable, range: DayRange, upToId = Number.POSITIVE_INFINITY): Promise<number> {
		const { days, names } = await scoreDaysIn(db, range);
		const versions = await surveyVersions(
			db,
			days.map(({ versionId }) => versionId)
		);
		const targetsOfSignature = new ByName((signature) => {
			const stored = this.ofSignature[signature];
			if (stored) return stored;
			const chosen = this.targetsOfDimensions(signatureDimensions(names.nameOf(signature)));
			if (isStoredName(signature)) this.ofSignature[signature] = chosen;
			return chosen;
		});
		let read = 0;
		// One per width of chunk, reused: it keeps the layouts of the patterns it met.
		const respondents = new Map<number, PackedRespondent>();
		for (const packed of days) {
			const { versionId, day } = packed;
			const chunk =
				packed.chunk.lastId > upToId
					? await packedDayUpTo(db, versionId, day, upToId, names)
					: packed.chunk;
			if (!chunk) continue;
			const { items } = versions.get(versionId)!;
			const { count, width, signatures, values, ratings } = chunk;
			if (width !== items.length)
				throw new Error(`The chunk of version ${versionId} on ${day} does not fit its items`);
			const slots = {
				day: this.slotOf(versionId, day),
				month: this.slotOf(versionId, day.slice(0, 7))
			};
			const sumsOf = (index: number) => {
				const { dimension, by } = this.targets[index]!;
				const slot = slots[by];
				let row = slot[index];
				if (!row) {
					const period = periodOfCell(by, day);
					row = slot[index] = {
						surveyVersionId: versionId,
						dimension,
						day: period,
						sums: new CellSums(items)
					};
					this.sums.set(cellRowKey(row), row);
				}
				return row.sums;
			};
			read += count;
			let respondent = respondents.get(width);
			if (!respondent) respondents.set(width, (respondent = new PackedRespondent(width)));
			for (let row = 0; row < count; row++) {
				const chosen = targetsOfSignature.get(signatures[row]!);
				if (!chosen.length) continue;
				respondent.read(ratings, row * width, npsOf(chunk, row), values[row]!);
				for (let i = 0; i < chosen.length; i++) sumsOf(chosen[i]!).add(respondent);
			}
		}
		return read;
	}

	/** The cells summed so far, each made when asked for (a rebuild lets requests in between). */
	*cells(): Generator<CellRow> {
		for (const { surveyVersionId, dimension, day, sums } of this.sums.values())
			yield { surveyVersionId, dimension, day, cell: sums.cell() };
	}

	rows(): CellRow[] {
		return [...this.cells()];
	}
}

const BATCH = 2000;

const responseColumns = {
	id: responses.id,
	surveyVersionId: responses.surveyVersionId,
	language: responses.language,
	submittedAt: responses.submittedAt,
	context: responses.context
};

export type ScoredResponse = {
	id: number;
	surveyVersionId: number;
	day: string;
	dimensions: string[];
	scores: RespondentScores;
};

/**
 * The selection's responses with their CSI scores, a batch at a time so memory stays flat and a
 * background rebuild can yield between batches (of `batch` responses read; those the selection
 * does not keep are left out). `afterId`/`upToId` bound the ids read.
 */
export async function* scoredResponseBatches(
	db: Queryable,
	selection: Selection,
	bounds: { afterId?: number; upToId?: number; batch?: number } = {}
): AsyncGenerator<ScoredResponse[]> {
	let afterId = bounds.afterId ?? 0;
	for (;;) {
		const batch = await db
			.select(responseColumns)
			.from(responses)
			.where(
				and(
					// Unary + keeps SQLite walking the primary key: through the version index, each batch would rescan every earlier response.
					inArray(sql`+${responses.surveyVersionId}`, selection.versionIds),
					gt(responses.id, afterId),
					bounds.upToId === undefined ? undefined : lte(responses.id, bounds.upToId),
					selection.from
						? gte(responses.submittedAt, new Date(`${selection.from}T00:00:00Z`))
						: undefined,
					selection.to
						? lte(responses.submittedAt, new Date(`${selection.to}T23:59:59.999Z`))
						: undefined
				)
			)
			.orderBy(asc(responses.id))
			.limit(bounds.batch ?? BATCH);
		if (!batch.length) return;
		afterId = batch.at(-1)!.id;
		yield await scored(
			db,
			batch
				.map((response) => ({
					...response,
					dimensions: dimensionsOf(response.context, response.language)
				}))
				.filter(({ dimensions }) =>
					selection.required.every((required) => dimensions.includes(required))
				)
		);
	}
}

type ResponseToScore = {
	id: number;
	surveyVersionId: number;
	submittedAt: Date;
	context: ResponseContext;
	dimensions: string[];
};

const answerScoresOf = (db: Queryable, kept: ResponseToScore[]) =>
	db
		.select({
			responseId: answers.responseId,
			questionId: answers.questionId,
			score: answers.score
		})
		.from(answers)
		.where(
			inArray(
				answers.responseId,
				kept.map(({ id }) => id)
			)
		);

type AnswerScore = Awaited<ReturnType<typeof answerScoresOf>>[number];

/** The responses' CSI scores, from their stored answers. */
async function scored(db: Queryable, kept: ResponseToScore[]): Promise<ScoredResponse[]> {
	return scoredFrom(
		await surveyVersions(
			db,
			kept.map(({ surveyVersionId }) => surveyVersionId)
		),
		kept,
		kept.length ? await answerScoresOf(db, kept) : []
	);
}

function scoredFrom(
	versions: Awaited<ReturnType<typeof surveyVersions>>,
	kept: ResponseToScore[],
	scoreRows: AnswerScore[]
): ScoredResponse[] {
	const rowsByResponse = new Map<number, typeof scoreRows>();
	for (const row of scoreRows)
		rowsByResponse.set(row.responseId, [...(rowsByResponse.get(row.responseId) ?? []), row]);
	return kept.map((response) => ({
		id: response.id,
		surveyVersionId: response.surveyVersionId,
		day: utcDay(response.submittedAt),
		dimensions: response.dimensions,
		scores: respondentScores(
			versions.get(response.surveyVersionId)!.definition,
			rowsByResponse.get(response.id) ?? [],
			response.context.annualValue ?? null
		)
	}));
}

/** Some responses, by id, scored as the cells count them (a few: one client's). */
export async function scoredResponsesById(db: Queryable, ids: number[]): Promise<ScoredResponse[]> {
	if (!ids.length) return [];
	const rows = await db.select(responseColumns).from(responses).where(inArray(responses.id, ids));
	return scored(
		db,
		rows.map((response) => ({
			...response,
			dimensions: dimensionsOf(response.context, response.language)
		}))
	);
}

/** How a cell row is keyed in the maps rebuilds and selections fill. */
export const cellRowKey = (row: { surveyVersionId: number; dimension: string; day: string }) =>
	`${row.surveyVersionId}|${row.dimension}|${row.day}`;

/** Adds scored responses to the wanted cells they count in, keyed by version, dimension and period. */
export function addToCellRows(
	cells: Map<string, CellRow>,
	scored: ScoredResponse[],
	wanted: Wanted
): void {
	for (const response of scored) {
		for (const { dimension, period } of cellKeysOf(response.dimensions, response.day)) {
			if (!isWanted(wanted, dimension)) continue;
			const key = cellRowKey({ surveyVersionId: response.surveyVersionId, dimension, day: period });
			let row = cells.get(key);
			if (!row)
				cells.set(
					key,
					(row = {
						surveyVersionId: response.surveyVersionId,
						dimension,
						day: period,
						cell: emptyCell()
					})
				);
			addRespondent(row.cell, response.scores);
		}
	}
}

/** Recomputes cells from responses and their answers: the reference the stored cells are tested against. */
export async function cellsFromResponses(
	db: Queryable,
	selection: Selection,
	wanted: Wanted
): Promise<CellRow[]> {
	const cells = new Map<string, CellRow>();
	for await (const batch of scoredResponseBatches(db, selection))
		addToCellRows(cells, batch, wanted);
	return [...cells.values()];
}

/** Merges cells by a key of each row (its period, its dimension). */
export function cellsBy(rows: CellRow[], keyOf: (row: CellRow) => string): Map<string, CsiCell> {
	const merged = new Map<string, CsiCell>();
	for (const row of rows) {
		const key = keyOf(row);
		let cell = merged.get(key);
		if (!cell) merged.set(key, (cell = emptyCell()));
		mergeCell(cell, row.cell);
	}
	return merged;
}
