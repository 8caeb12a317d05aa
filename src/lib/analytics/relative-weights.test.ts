import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { relativeWeights, symmetricEigen } from './relative-weights';

// Reference values: closed forms derived by hand (written out below) and NumPy 2.4 (numpy.linalg.eigh on Rxx), itself
// cross-checked against Johnson's original data-based procedure (SVD of standardised data, Z = P·Qᵀ, regressions of y and X on Z).

function transpose(m: number[][]): number[][] {
	return m[0]!.map((_, j) => m.map((row) => row[j]!));
}

function product(a: number[][], b: number[][]): number[][] {
	return a.map((row) =>
		b[0]!.map((_, j) => row.reduce((sum, entry, k) => sum + entry * b[k]![j]!, 0))
	);
}

function expectMatricesClose(actual: number[][], expected: number[][], tolerance: number) {
	actual.forEach((row, i) =>
		row.forEach((entry, j) =>
			expect(Math.abs(entry - expected[i]![j]!)).toBeLessThanOrEqual(tolerance)
		)
	);
}

/** R² = rxyᵀ Rxx⁻¹ rxy through the adjugate of a 3×3 matrix, independent of the eigen-decomposition. */
function rSquared3(r: number[][], rxy: number[]): number {
	const [[a, b, c], [d, e, f], [g, h, i]] = r as [
		[number, number, number],
		[number, number, number],
		[number, number, number]
	];
	const adjugate = [
		[e * i - f * h, c * h - b * i, b * f - c * e],
		[f * g - d * i, a * i - c * g, c * d - a * f],
		[d * h - e * g, b * g - a * h, a * e - b * d]
	];
	const determinant = a * adjugate[0]![0]! + b * adjugate[1]![0]! + c * adjugate[2]![0]!;
	return rxy.reduce(
		(sum, x, row) =>
			sum +
			x *
				adjugate[row]!.reduce((inner, entry, col) => inner + (entry * rxy[col]!) / determinant, 0),
		0
	);
}

describe('eigen-decomposition of a symmetric matrix', () => {
	it('finds 1 ± r with (1, ±1)/√2 for a 2×2 correlation matrix', () => {
		const { values, vectors } = symmetricEigen([
			[1, 0.5],
			[0.5, 1]
		]);
		expect(values[0]).toBeCloseTo(1.5, 14);
		expect(values[1]).toBeCloseTo(0.5, 14);
		expect(Math.abs(vectors[0]![0]!)).toBeCloseTo(Math.SQRT1_2, 14);
		expect(vectors[0]![0]! * vectors[1]![0]!).toBeCloseTo(0.5, 14);
		expect(vectors[0]![1]! * vectors[1]![1]!).toBeCloseTo(-0.5, 14);
	});

	it('lists eigenvalues largest first', () => {
		// NumPy eigvalsh of the 3-factor example below: 0.48197322, 0.71244574, 1.80558104.
		const { values } = symmetricEigen([
			[1, 0.5, 0.3],
			[0.5, 1, 0.4],
			[0.3, 0.4, 1]
		]);
		expect(values.map((value) => Number(value.toFixed(4)))).toEqual([1.8056, 0.7124, 0.482]);
	});

	const symmetricMatrices = fc.integer({ min: 1, max: 7 }).chain((size) =>
		fc
			.array(fc.double({ min: -10, max: 10, noNaN: true }), {
				minLength: size * size,
				maxLength: size * size
			})
			.map((entries) =>
				Array.from({ length: size }, (_, i) =>
					Array.from({ length: size }, (_, j) => entries[Math.min(i, j) * size + Math.max(i, j)]!)
				)
			)
	);

	it('rebuilds any symmetric matrix as V·diag(λ)·Vᵀ with orthonormal V', () => {
		fc.assert(
			fc.property(symmetricMatrices, (matrix) => {
				const { values, vectors } = symmetricEigen(matrix);
				const rebuilt = product(
					vectors.map((row) => row.map((entry, k) => entry * values[k]!)),
					transpose(vectors)
				);
				expectMatricesClose(rebuilt, matrix, 1e-12 * 10 * matrix.length);
				expectMatricesClose(
					product(transpose(vectors), vectors),
					matrix.map((row, i) => row.map((_, j) => (i === j ? 1 : 0))),
					1e-12
				);
			})
		);
	});

	it('refuses a matrix that is not square and symmetric', () => {
		expect(() => symmetricEigen([[1, 2]])).toThrow(RangeError);
		expect(() =>
			symmetricEigen([
				[1, 2],
				[3, 1]
			])
		).toThrow(RangeError);
	});
});

describe("Johnson's relative weights", () => {
	it('match the closed form for two correlated factors', () => {
		// Rxx = [[1, r], [r, 1]] has eigenvalues 1 ± r with vectors (1, ±1)/√2, so Λ = [[a, b], [b, a]] with
		// a = (√(1+r) + √(1−r))/2, b = (√(1+r) − √(1−r))/2, and Λ⁻¹ = [[a, −b], [−b, a]]/(a² − b²), a² − b² = √(1 − r²).
		// Then β1 = (a·r1 − b·r2)/√(1−r²), β2 = (a·r2 − b·r1)/√(1−r²), ε1 = a²β1² + b²β2², ε2 = b²β1² + a²β2².
		const [r, r1, r2] = [0.5, 0.6, 0.4];
		const a = (Math.sqrt(1 + r) + Math.sqrt(1 - r)) / 2;
		const b = (Math.sqrt(1 + r) - Math.sqrt(1 - r)) / 2;
		const beta1 = (a * r1 - b * r2) / Math.sqrt(1 - r * r);
		const beta2 = (a * r2 - b * r1) / Math.sqrt(1 - r * r);
		const result = relativeWeights(
			[
				[1, r],
				[r, 1]
			],
			[r1, r2]
		);
		expect(result.weights[0]).toBeCloseTo(a * a * beta1 ** 2 + b * b * beta2 ** 2, 14);
		expect(result.weights[1]).toBeCloseTo(b * b * beta1 ** 2 + a * a * beta2 ** 2, 14);
		// Same numbers from NumPy: 0.286666666666667 and 0.086666666666667 (= 43/150 and 13/150).
		expect(result.weights[0]).toBeCloseTo(43 / 150, 14);
		expect(result.weights[1]).toBeCloseTo(13 / 150, 14);
		// R² = (r1² + r2² − 2·r·r1·r2)/(1 − r²) = (0.36 + 0.16 − 0.24)/0.75 = 0.37333…
		expect(result.rSquared).toBeCloseTo(0.28 / 0.75, 14);
	});

	it('match NumPy for three factors and share out exactly R² = rxyᵀ Rxx⁻¹ rxy', () => {
		const rxx = [
			[1, 0.5, 0.3],
			[0.5, 1, 0.4],
			[0.3, 0.4, 1]
		];
		const rxy = [0.6, 0.5, 0.4];
		const result = relativeWeights(rxx, rxy);
		[0.238098314628077, 0.122410104950612, 0.081265773969698].forEach((expected, j) =>
			expect(result.weights[j]).toBeCloseTo(expected, 13)
		);
		[0.538959310220546, 0.277087495689593, 0.183953194089861].forEach((expected, j) =>
			expect(result.shares[j]).toBeCloseTo(expected, 13)
		);
		expect(result.rSquared).toBeCloseTo(rSquared3(rxx, rxy), 14);
		expect(result.rSquared).toBeCloseTo(0.4417741935483871, 14);
		expect(result.shares.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 14);
	});

	it('are the squared validities when the factors are uncorrelated', () => {
		const result = relativeWeights(
			[
				[1, 0],
				[0, 1]
			],
			[0.6, -0.3]
		);
		expect(result.weights[0]).toBeCloseTo(0.36, 15);
		expect(result.weights[1]).toBeCloseTo(0.09, 15);
	});

	it('refuse factors that are linear combinations of each other', () => {
		// Factor 3 = factor 1 answered again: the matrix has a zero eigenvalue.
		const singular = [
			[1, 0.5, 1],
			[0.5, 1, 0.5],
			[1, 0.5, 1]
		];
		expect(() => relativeWeights(singular, [0.5, 0.4, 0.5])).toThrow(/singular/);
		expect(() => relativeWeights(singular, [0.5, 0.4, 0.5])).toThrow(RangeError);
	});

	it('refuse validities that do not match the factors', () => {
		expect(() => relativeWeights([[1]], [0.5, 0.2])).toThrow(RangeError);
	});
});
