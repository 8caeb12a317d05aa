import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CellSums, PackedRespondent } from './cell-sums';
import { addRespondent, emptyCell, OVERALL, type RespondentScores } from './csi-cell';
import { npsOf, packScores, ratingAt, unpackScores } from './score-chunk';

const items = ['customs', 'punctuality', 'safety', OVERALL].sort();

const respondent: fc.Arbitrary<RespondentScores> = fc.record({
	ratings: fc
		.subarray(items)
		.chain((answered) =>
			fc
				.tuple(...answered.map(() => fc.integer({ min: 1, max: 5 })))
				.map((ratings) => Object.fromEntries(answered.map((item, i) => [item, ratings[i]!])))
		),
	nps: fc.option(fc.integer({ min: 0, max: 10 })),
	value: fc.option(
		fc.oneof(
			fc.integer({ min: 0, max: 500_000 }),
			fc.double({ min: -10, max: 1e6, noNaN: true }),
			fc.constant(Number.POSITIVE_INFINITY)
		)
	)
});

function summed(respondents: RespondentScores[]) {
	const chunk = unpackScores(
		packScores(
			items,
			respondents.map((scores, i) => ({ id: i + 1, signature: 7, scores }))
		)
	);
	const sums = new CellSums(items);
	const respondent = new PackedRespondent(chunk.width);
	for (let row = 0; row < chunk.count; row++)
		sums.add(
			respondent.read(chunk.ratings, row * chunk.width, npsOf(chunk, row), chunk.values[row]!)
		);
	return sums.cell();
}

describe('summing packed respondents', () => {
	it('gives exactly the cell addRespondent builds, to the last bit', () => {
		fc.assert(
			fc.property(fc.array(respondent, { maxLength: 40 }), (respondents) => {
				const expected = emptyCell();
				for (const scores of respondents) addRespondent(expected, scores);
				expect(summed(respondents)).toEqual(expected);
			}),
			{ numRuns: 300 }
		);
	});

	it('reads a chunk stored at an odd place in memory, its values as they were given', () => {
		const packed = packScores(items, [
			{ id: 3, signature: 9, scores: { ratings: { safety: 4 }, nps: 10, value: 1.5 } },
			{ id: 5, signature: 2, scores: { ratings: { customs: 2, [OVERALL]: 5 }, value: 0.1 } }
		]);
		const shifted = new Uint8Array(packed.length + 3).subarray(3);
		shifted.set(packed);
		const chunk = unpackScores(shifted);
		expect([chunk.firstId, chunk.lastId, ...chunk.signatures, ...chunk.values]).toEqual([
			3, 5, 9, 2, 1.5, 0.1
		]);
		expect([npsOf(chunk, 0), npsOf(chunk, 1)]).toEqual([10, -1]);
		expect(Array.from({ length: 8 }, (_, i) => ratingAt(chunk.ratings, i))).toEqual([
			0, 0, 0, 4, 5, 2, 0, 0
		]);
	});

	it('refuses what addRespondent refuses', () => {
		const pack = (scores: RespondentScores) => packScores(items, [{ id: 1, signature: 1, scores }]);
		expect(() => pack({ ratings: { safety: 6 } })).toThrow('Rating for safety must be 1–5, got 6');
		expect(() => pack({ ratings: {}, nps: 11 })).toThrow('NPS answer must be 0–10, got 11');
		expect(() => pack({ ratings: { snacks: 3 } })).toThrow('snacks is not an item');
	});
});
