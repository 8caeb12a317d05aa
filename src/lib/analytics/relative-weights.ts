/**
 * Derived importance robust to correlated factors, per ../shared/DOMAIN.md ("What drives satisfaction"): Johnson's relative
 * weights. Johnson, J. W. (2000), "A heuristic method for estimating the relative weight of predictor variables in multiple
 * regression", Multivariate Behavioral Research 35(1), 1–19. Pure functions, no I/O.
 */

const MAX_SWEEPS = 100;

/**
 * Eigen-decomposition of a real symmetric matrix by cyclic Jacobi rotations (Numerical Recipes §11.1): slow for big matrices
 * but unconditionally stable and accurate to machine precision, and a factor table has a dozen rows at most.
 * Eigenvalues come largest first; vectors[i][k] is component i of the unit eigenvector of values[k] (eigenvectors are columns).
 */
export function symmetricEigen(matrix: number[][]): { values: number[]; vectors: number[][] } {
	assertSymmetric(matrix);
	const size = matrix.length;
	const a = matrix.map((row) => [...row]);
	const v = identity(size);
	const scale = a.reduce(
		(sum, row) => row.reduce((rowSum, entry) => rowSum + entry * entry, sum),
		0
	);
	for (let sweep = 0; sweep < MAX_SWEEPS && offDiagonalSquares(a) > 1e-30 * scale; sweep++) {
		for (let p = 0; p < size - 1; p++) for (let q = p + 1; q < size; q++) rotate(a, v, p, q);
	}
	const order = a.map((_, k) => k).sort((i, j) => a[j]![j]! - a[i]![i]!);
	return {
		values: order.map((k) => a[k]![k]!),
		vectors: v.map((row) => order.map((k) => row[k]!))
	};
}

function assertSymmetric(matrix: number[][]): void {
	const size = matrix.length;
	const square = matrix.every((row) => row.length === size && row.every(Number.isFinite));
	if (!square) throw new RangeError('Expected a square matrix of finite numbers.');
	for (let i = 0; i < size; i++) {
		for (let j = 0; j < i; j++) {
			const [upper, lower] = [matrix[i]![j]!, matrix[j]![i]!];
			if (Math.abs(upper - lower) > 1e-12 * Math.max(1, Math.abs(upper)))
				throw new RangeError(`Matrix is not symmetric at (${i}, ${j}).`);
		}
	}
}

function identity(size: number): number[][] {
	return Array.from({ length: size }, (_, i) =>
		Array.from({ length: size }, (_, j) => (i === j ? 1 : 0))
	);
}

function offDiagonalSquares(a: number[][]): number {
	let sum = 0;
	a.forEach((row, i) => row.forEach((entry, j) => (sum += i === j ? 0 : entry * entry)));
	return sum;
}

/**
 * One Jacobi rotation A ← JᵀAJ, V ← VJ in the (p, q) plane that zeroes a_pq: with θ = (a_qq − a_pp)/(2a_pq), the smaller root
 * t = sgn(θ)/(|θ| + √(θ² + 1)) of t² + 2tθ − 1 = 0 keeps the rotation angle below π/4, which is what makes the sweeps converge.
 */
function rotate(a: number[][], v: number[][], p: number, q: number): void {
	const apq = a[p]![q]!;
	if (apq === 0) return;
	const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
	const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.hypot(theta, 1));
	const c = 1 / Math.hypot(t, 1);
	const s = t * c;
	for (const row of [...a, ...v]) {
		const [kp, kq] = [row[p]!, row[q]!];
		row[p] = c * kp - s * kq;
		row[q] = s * kp + c * kq;
	}
	const [rowP, rowQ] = [a[p]!, a[q]!];
	for (let k = 0; k < rowP.length; k++) {
		const [pk, qk] = [rowP[k]!, rowQ[k]!];
		rowP[k] = c * pk - s * qk;
		rowQ[k] = s * pk + c * qk;
	}
	rowP[q] = 0;
	rowQ[p] = 0;
}

/** Eigenvalues at or below this make Rxx singular for our purpose: Λ⁻¹ would amplify rounding noise into the weights. */
const SINGULAR_EIGENVALUE = 1e-10;

/**
 * Johnson's (2000) relative weights: given the predictors' correlation matrix Rxx (p×p) and their correlations rxy with the criterion,
 * Λ = V·diag(√λ)·Vᵀ (symmetric square root of Rxx), β = Λ⁻¹·rxy (= V diag(1/√λ) Vᵀ rxy), ε_j = Σ_k Λ_jk² β_k²; Σ ε = R².
 * Λ's columns correlate the factors with their closest orthogonal stand-ins and β regresses the criterion on those, so ε_j splits
 * R² = rxyᵀ Rxx⁻¹ rxy among correlated factors (Σ_j Λ_jk² = (Λ²)_kk = 1 because Rxx has a unit diagonal).
 * Returns raw weights (sum to R²), shares (sum to 1; NaN when R² is 0) and rSquared. A singular Rxx (a factor that is a linear
 * combination of others, e.g. answered identically) throws a RangeError.
 */
export function relativeWeights(
	rxx: number[][],
	rxy: number[]
): { weights: number[]; shares: number[]; rSquared: number } {
	if (rxy.length !== rxx.length)
		throw new RangeError(`Expected ${rxx.length} criterion correlations, got ${rxy.length}.`);
	const { values, vectors } = symmetricEigen(rxx);
	const smallest = Math.min(...values);
	if (!(smallest > SINGULAR_EIGENVALUE)) {
		throw new RangeError(
			`The factors' correlation matrix is singular (smallest eigenvalue ${smallest}): some factor is a linear combination of the others.`
		);
	}
	const root = matrixFunction(vectors, values.map(Math.sqrt));
	const beta = multiply(
		matrixFunction(
			vectors,
			values.map((value) => 1 / Math.sqrt(value))
		),
		rxy
	);
	const weights = root.map((row) =>
		row.reduce((sum, entry, k) => sum + entry * entry * beta[k]! ** 2, 0)
	);
	const rSquared = weights.reduce((sum, weight) => sum + weight, 0);
	return { weights, shares: weights.map((weight) => weight / rSquared), rSquared };
}

/** V·diag(f(λ))·Vᵀ, given the f(λ) values. */
function matrixFunction(vectors: number[][], diagonal: number[]): number[][] {
	return vectors.map((rowI) =>
		vectors.map((rowJ) => rowI.reduce((sum, entry, k) => sum + entry * diagonal[k]! * rowJ[k]!, 0))
	);
}

function multiply(matrix: number[][], vector: number[]): number[] {
	return matrix.map((row) => row.reduce((sum, entry, k) => sum + entry * vector[k]!, 0));
}
