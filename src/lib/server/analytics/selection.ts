import { and, asc, eq, gt, gte, inArray, like, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { addRespondent, emptyCell, mergeCell, type CsiCell, type RespondentScores } from '../../analytics/csi-cell';
import { dimensionsOf, EVERYONE } from '../../analytics/dimensions';
import { surveyDefinitionSchema, type SurveyDefinition } from '../../schemas/survey';
import { respondentScores } from '../../surveys/scores';
import type { Queryable } from '../db';
import { answers, csiCells, responses, surveyVersions } from '../db/schema';
import { cellPeriods, utcDay } from './cells';

export type CellRow = { surveyVersionId: number; dimension: string; day: string; cell: CsiCell };

/** Which responses count: survey versions, an inclusive day range, and dimensions a response must have had. */
export type Selection = { versionIds: number[]; from?: string | undefined; to?: string | undefined; required: string[] };

/** Which cells to return: one dimension, or every dimension of a kind (`tag:`). */
export type Wanted = { dimension: string } | { prefix: string };

const isWanted = (wanted: Wanted, dimension: string) => ('dimension' in wanted ? dimension === wanted.dimension : dimension.startsWith(wanted.prefix));

/** `day` rows for trends by week; `month` rows (plus the days of partial months at the range's ends) otherwise. */
export type Resolution = 'day' | 'month';

/**
 * Cells for a selection. With at most one filter dimension they are read as stored, so the cost
 * follows periods × dimensions, not responses. Combined filters (a segment *and* a language) have
 * no stored cell, so those selections are recomputed from the responses themselves.
 */
export function selectionCells(db: Queryable, selection: Selection, wanted: Wanted, resolution: Resolution = 'month'): CellRow[] {
	if (!selection.versionIds.length) return [];
	const [only, ...more] = selection.required;
	if (more.length === 0 && (only === undefined || ('dimension' in wanted && wanted.dimension === EVERYONE))) {
		return storedCells(db, selection, only === undefined ? wanted : { dimension: only }, resolution);
	}
	return cellsFromResponses(db, selection, wanted).filter(({ day }) => day.length === 10);
}

const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** Whole months inside [from, to], and the ragged days around them. */
function monthsAndEdges(from: string | undefined, to: string | undefined): SQL | undefined {
	const firstFull = !from || from.endsWith('-01') ? from?.slice(0, 7) : isoDay(Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)), 1)).slice(0, 7);
	const dayAfterTo = to && isoDay(Date.parse(`${to}T00:00:00Z`) + 86_400_000);
	const lastFull = !to || dayAfterTo!.endsWith('-01') ? to?.slice(0, 7) : isoDay(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 2, 1)).slice(0, 7);
	const months = and(sql`length(${csiCells.day}) = 7`, firstFull ? gte(csiCells.day, firstFull) : undefined, lastFull ? lte(csiCells.day, lastFull) : undefined);
	if (firstFull && lastFull && firstFull > lastFull) return and(sql`length(${csiCells.day}) = 10`, gte(csiCells.day, from!), lte(csiCells.day, to!));
	const days = sql`length(${csiCells.day}) = 10`;
	const head = from && firstFull !== from.slice(0, 7) ? and(days, gte(csiCells.day, from), lt(csiCells.day, `${firstFull}-01`)) : undefined;
	const tail = to && lastFull !== to.slice(0, 7) ? and(days, gt(csiCells.day, `${lastFull}-99`), lte(csiCells.day, to)) : undefined;
	return or(months, head, tail);
}

function storedCells(db: Queryable, selection: Selection, wanted: Wanted, resolution: Resolution): CellRow[] {
	const conditions: (SQL | undefined)[] = [
		inArray(csiCells.surveyVersionId, selection.versionIds),
		'dimension' in wanted ? eq(csiCells.dimension, wanted.dimension) : like(csiCells.dimension, `${wanted.prefix}%`),
		resolution === 'day'
			? and(sql`length(${csiCells.day}) = 10`, selection.from ? gte(csiCells.day, selection.from) : undefined, selection.to ? lte(csiCells.day, selection.to) : undefined)
			: monthsAndEdges(selection.from, selection.to)
	];
	return db.select().from(csiCells).where(and(...conditions)).all();
}

const definitionCache = new Map<number, SurveyDefinition>();

/** Survey versions are immutable once answered, so their parsed definitions can be kept. */
function definitionOf(db: Queryable, versionId: number): SurveyDefinition {
	let definition = definitionCache.get(versionId);
	if (!definition) {
		const row = db.select({ definition: surveyVersions.definition }).from(surveyVersions).where(eq(surveyVersions.id, versionId)).get();
		definition = surveyDefinitionSchema.parse(row?.definition);
		definitionCache.set(versionId, definition);
	}
	return definition;
}

const BATCH = 2000;

export type ScoredResponse = { id: number; surveyVersionId: number; day: string; dimensions: string[]; scores: RespondentScores };

/**
 * The selection's responses with their CSI scores, a batch at a time so memory stays flat and a
 * background rebuild can yield between batches. `afterId`/`upToId` bound the ids read.
 */
export function* scoredResponseBatches(db: Queryable, selection: Selection, bounds: { afterId?: number; upToId?: number } = {}): Generator<ScoredResponse[]> {
	let afterId = bounds.afterId ?? 0;
	for (;;) {
		const batch = db
			.select({ id: responses.id, surveyVersionId: responses.surveyVersionId, language: responses.language, submittedAt: responses.submittedAt, context: responses.context })
			.from(responses)
			.where(
				and(
					// Unary + keeps SQLite walking the primary key: through the version index, each batch would rescan every earlier response.
					inArray(sql`+${responses.surveyVersionId}`, selection.versionIds),
					gt(responses.id, afterId),
					bounds.upToId === undefined ? undefined : lte(responses.id, bounds.upToId),
					selection.from ? gte(responses.submittedAt, new Date(`${selection.from}T00:00:00Z`)) : undefined,
					selection.to ? lte(responses.submittedAt, new Date(`${selection.to}T23:59:59.999Z`)) : undefined
				)
			)
			.orderBy(asc(responses.id))
			.limit(BATCH)
			.all();
		if (!batch.length) return;
		afterId = batch.at(-1)!.id;
		const kept = batch
			.map((response) => ({ ...response, dimensions: dimensionsOf(response.context, response.language) }))
			.filter(({ dimensions }) => selection.required.every((required) => dimensions.includes(required)));
		const scoreRows = kept.length
			? db
					.select({ responseId: answers.responseId, questionId: answers.questionId, score: answers.score })
					.from(answers)
					.where(inArray(answers.responseId, kept.map(({ id }) => id)))
					.all()
			: [];
		const rowsByResponse = new Map<number, typeof scoreRows>();
		for (const row of scoreRows) rowsByResponse.set(row.responseId, [...(rowsByResponse.get(row.responseId) ?? []), row]);
		yield kept.map((response) => ({
			id: response.id,
			surveyVersionId: response.surveyVersionId,
			day: utcDay(response.submittedAt),
			dimensions: response.dimensions,
			scores: respondentScores(definitionOf(db, response.surveyVersionId), rowsByResponse.get(response.id) ?? [], response.context.annualValue ?? null)
		}));
	}
}

/** Adds scored responses to cells keyed by version, dimension and day (and month). */
export function addToCellRows(cells: Map<string, CellRow>, scored: ScoredResponse[], wanted: Wanted): void {
	for (const response of scored) {
		for (const dimension of response.dimensions.filter((name) => isWanted(wanted, name))) {
			for (const period of cellPeriods(response.day)) {
				const key = `${response.surveyVersionId}|${dimension}|${period}`;
				let row = cells.get(key);
				if (!row) cells.set(key, (row = { surveyVersionId: response.surveyVersionId, dimension, day: period, cell: emptyCell() }));
				addRespondent(row.cell, response.scores);
			}
		}
	}
}

/** Recomputes cells from responses and their answers: the reference the stored cells are tested against. */
export function cellsFromResponses(db: Queryable, selection: Selection, wanted: Wanted): CellRow[] {
	const cells = new Map<string, CellRow>();
	for (const batch of scoredResponseBatches(db, selection)) addToCellRows(cells, batch, wanted);
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
