import { describe, expect, it } from 'vitest';
import { addRespondent, emptyCell, mergedCells, OVERALL, type CsiCell } from './csi-cell';
import { buildReport } from './report';

// Expected values computed independently with SciPy 1.17 (scipy.stats.t, ttest_ind(equal_var=False),
// fisher_exact, pearsonr) and NumPy (eigh for Johnson's relative weights); see docs/csi.md.
const weights = [
	{ key: 'punctuality', name: 'Punctuality', weight: 3 },
	{ key: 'safety', name: 'Safety', weight: 2 },
	{ key: 'snacks', name: 'Snacks', weight: 1 }
];
type Row = [number | null, number | null, number | null, number];
const cellOf = (rows: Row[]): CsiCell =>
	rows.reduce((cell, [punctuality, safety, snacks, overall]) => {
		const ratings: Record<string, number> = { [OVERALL]: overall };
		if (punctuality !== null) ratings.punctuality = punctuality;
		if (safety !== null) ratings.safety = safety;
		if (snacks !== null) ratings.snacks = snacks;
		return addRespondent(cell, { ratings });
	}, emptyCell());
const march = cellOf([
	[5, 4, null, 4],
	[4, 4, 3, 5],
	[3, null, 5, 3],
	[2, 3, 4, 3],
	[5, 5, 5, 5],
	[4, 3, null, 3],
	[null, null, 2, 3]
]);
const april = cellOf([
	[3, 3, 5, 3],
	[2, 2, 4, 3],
	[3, null, 5, 2],
	[1, 2, 3, 1],
	[4, 3, 4, 4],
	[2, 3, null, 2]
]);
const report = buildReport({
	weights,
	total: mergedCells([march, april]),
	groups: [
		{ key: '2026-03', cell: march },
		{ key: '2026-04', cell: april }
	],
	groupKind: 'time'
});

describe('the CSI report', () => {
	it('gives the headline CSI with its t-interval over counted respondents', () => {
		expect(report.csi.n).toBe(12);
		expect(report.csi.excluded).toBe(1);
		expect(report.csi.value).toBeCloseTo(58.541666666666664, 10);
		expect(report.csi.ciLow).toBeCloseTo(43.42505959108932, 8);
		expect(report.csi.ciHigh).toBeCloseTo(73.658273742244, 8);
		expect(report.csi.lowN).toBe(true);
	});

	it('gives each factor its score, top-2-box, n and stated share', () => {
		const [punctuality, safety, snacks] = report.factors;
		expect(punctuality).toMatchObject({
			key: 'punctuality',
			n: 12,
			weight: 0.5,
			distribution: [1, 3, 3, 3, 2]
		});
		expect(punctuality!.score).toBeCloseTo(54.166666666666664, 10);
		expect(safety!.score).toBeCloseTo(55, 10);
		expect(safety!.top2box).toBeCloseTo(30, 10);
		expect(snacks!.score).toBeCloseTo(75, 10);
		expect(snacks!.top2box).toBeCloseTo(70, 10);
	});

	it('derives importance: Pearson with overall and Johnson relative weights that sum to R²', () => {
		const [punctuality, safety, snacks] = report.factors;
		expect(punctuality!.derivedImportance).toBeCloseTo(0.8214799971933824, 10);
		expect(safety!.derivedImportance).toBeCloseTo(0.8114521842083113, 10);
		expect(snacks!.derivedImportance).toBeCloseTo(0.08574929257125441, 10);
		expect(punctuality!.relativeWeight).toBeCloseTo(0.3903858691401496, 8);
		expect(safety!.relativeWeight).toBeCloseTo(0.3765483764051154, 8);
		expect(snacks!.relativeWeight).toBeCloseTo(0.03465357904414775, 8);
		expect(report.rSquared).toBeCloseTo(0.8015878245894128, 8);
		// Snacks: stated 1/6 of the weight, but clients' overall satisfaction barely follows them.
		expect(snacks!.importanceGap).toBeCloseTo(0.03465357904414775 / 0.8015878245894128 - 1 / 6, 8);
	});

	it('tests the month-over-month change with Welch, and marks nothing significant after Holm', () => {
		const [, april] = report.groups;
		expect(report.groups[0]!.change).toBeNull();
		expect(april!.change).toMatchObject({ test: 'welch', significant: false });
		expect(april!.change!.delta).toBeCloseTo(-26.25, 10);
		expect(april!.change!.p).toBeCloseTo(0.049944655282826475, 8);
		// Seven tests in the family (CSI, three factor means, three top-2-box shares): Holm multiplies the smallest p by 7.
		expect(april!.change!.pAdjusted).toBeCloseTo(0.2996679316969588, 8);
		const safety = april!.factorChanges.safety!;
		expect(safety.score!.p).toBeCloseTo(0.03183048259379966, 8);
		expect(safety.score!.pAdjusted).toBeCloseTo(0.22281337815659763, 8);
		expect(safety.top2box).toMatchObject({ test: 'fisher', significant: false });
		expect(safety.top2box!.p).toBeCloseTo(0.16666666666666666, 8);
		expect(safety.top2box!.delta).toBeCloseTo(-60, 10);
	});

	it('compares a segment with everyone else', () => {
		const bySegment = buildReport({
			weights,
			total: mergedCells([march, april]),
			groups: [{ key: 'segment:1', cell: april }],
			groupKind: 'segment'
		});
		expect(bySegment.groups[0]!.change!.delta).toBeCloseTo(-26.25, 10);
		expect(bySegment.groups[0]!.change!.p).toBeCloseTo(0.049944655282826475, 8);
		expect(bySegment.controlChart).toBeNull();
	});

	it('flags a latest period outside the control limits of the earlier ones', () => {
		const steady = Array.from({ length: 4 }, () =>
			cellOf(Array.from({ length: 40 }, (_, i): Row => [4 + (i % 2), 4, 4, 4]))
		);
		const drop = cellOf(Array.from({ length: 40 }, (): Row => [2, 2, 2, 2]));
		const months = [...steady, drop].map((cell, index) => ({ key: `2026-0${index + 1}`, cell }));
		const { controlChart } = buildReport({
			weights,
			total: mergedCells(months.map(({ cell }) => cell)),
			groups: months,
			groupKind: 'time'
		});
		expect(controlChart).toMatchObject({ outside: true, period: '2026-05' });
		// Half the respondents (4, 4, 4) → 75, half (5, 4, 4) → (300 + 150 + 75) / 6 = 87.5.
		expect(controlChart!.centre).toBeCloseTo((75 + 87.5) / 2, 10);
	});

	it('puts the latest complete period in the headline, and never tests or alarms on a running one', () => {
		const steady = Array.from({ length: 4 }, () =>
			cellOf(Array.from({ length: 40 }, (_, i): Row => [4 + (i % 2), 4, 4, 4]))
		);
		// December two days in: 14 answers, all bad. It stays out of every test and alarm.
		const runningDrop = cellOf(Array.from({ length: 14 }, (): Row => [2, 2, 2, 2]));
		const months = [
			...steady.map((cell, index) => ({ key: `2026-0${index + 1}`, cell })),
			{ key: '2026-05', cell: runningDrop, complete: false }
		];
		const withRunning = buildReport({
			weights,
			total: mergedCells(months.map(({ cell }) => cell)),
			groups: months,
			groupKind: 'time'
		});
		expect(withRunning.groups.at(-1)).toMatchObject({
			key: '2026-05',
			complete: false,
			change: null
		});
		expect(withRunning.headline).toMatchObject({ key: '2026-04', previousKey: '2026-03' });
		expect(withRunning.headline!.csi.value).toBeCloseTo((75 + 87.5) / 2, 10);
		expect(withRunning.headline!.csi.n).toBe(40);
		expect(withRunning.headline!.change!.delta).toBeCloseTo(0, 10);
		expect(withRunning.controlChart).toMatchObject({ period: '2026-04', outside: false });
	});

	it('compares a period only with the one right before it: an empty month is a gap, not a neighbour', () => {
		const gap = buildReport({
			weights,
			total: mergedCells([march, april]),
			groups: [
				{ key: '2026-02', cell: march },
				{ key: '2026-03', cell: emptyCell() },
				{ key: '2026-04', cell: april }
			],
			groupKind: 'time'
		});
		expect(gap.groups.map(({ csi }) => csi.n)).toEqual([6, 0, 6]);
		expect(gap.groups[2]!.change).toBeNull();
		expect(gap.headline).toMatchObject({ key: '2026-04', previousKey: '2026-03', change: null });
	});

	it('keeps intervals on the 0–100 scale, and says when the t-interval had to be clipped', () => {
		// Two respondents, CSI 100 and 75: mean 87.5, s = 17.68, t(0.975, 1) = 12.706 →
		// 87.5 ± 158.8 = −71.3 to 246.3 on paper, 0 to 100 on the scale.
		const two = cellOf([
			[5, 5, 5, 5],
			[4, 4, 4, 4]
		]);
		const small = buildReport({
			weights,
			total: two,
			groups: [{ key: '2026-03', cell: two }],
			groupKind: 'time'
		});
		expect(small.csi).toMatchObject({ n: 2, ciLow: 0, ciHigh: 100, ciClipped: true, lowN: true });
		expect(small.csi.value).toBeCloseTo(87.5, 10);
		expect(small.factors[0]).toMatchObject({ ciLow: 0, ciHigh: 100, ciClipped: true });
		expect(report.csi.ciClipped).toBe(false);
	});
});
