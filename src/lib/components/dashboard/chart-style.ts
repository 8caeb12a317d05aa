/**
 * Colours from the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies),
 * and a point shape and dash per series, so no line is told apart by colour alone.
 */
import type { PointStyle } from 'chart.js';

export const MAIN_COLOUR = '#0f5c4d';
export const MUTED_COLOUR = '#4a5568';
export const TARGET_COLOUR = '#1d2433';
export const REFERENCE_COLOUR = '#8a4b00';

const colours = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000'];
const shapes: PointStyle[] = [
	'rect',
	'triangle',
	'rectRot',
	'star',
	'crossRot',
	'rectRounded',
	'cross'
];
const dashes = [
	[6, 3],
	[2, 2],
	[10, 3, 2, 3],
	[1, 3],
	[12, 4],
	[4, 2, 1, 2],
	[8, 2]
];

export type SeriesStyle = { colour: string; shape: PointStyle; dash: number[] };

export function seriesStyle(index: number): SeriesStyle {
	return {
		colour: colours[index % colours.length]!,
		shape: shapes[index % shapes.length]!,
		dash: dashes[index % dashes.length]!
	};
}

/** NaN means "no number": chart.js leaves a gap for null. */
export const gapsForNaN = (values: number[]) =>
	values.map((value) => (Number.isFinite(value) ? value : null));
