import type { ChartConfiguration, Plugin } from 'chart.js';
import {
	gapsForNaN,
	MAIN_COLOUR,
	MUTED_COLOUR,
	REFERENCE_COLOUR,
	seriesStyle,
	TARGET_COLOUR
} from './chart-style';
import { formatNumber } from '$lib/i18n/format';
import * as m from '../../paraglide/messages';

export type TrendLine = { label: string; values: number[] };

export type TrendChartInput = {
	periods: string[];
	main: TrendLine & { ciLow: number[]; ciHigh: number[]; lowN: boolean[] };
	/** Drawn hidden at first; the page's checkboxes show them. */
	extra: TrendLine[];
	target: number | null;
	reference: { value: number; label: string } | null;
	markers: { index: number; label: string }[];
	yTitle: string;
};

/** Datasets before the extra lines: the CI band's two edges and the main line. */
export const FIRST_EXTRA_DATASET = 3;

/** Dashed vertical lines where the model's weights changed, labelled, since a legend cannot hold them. */
function verticalMarkers(markers: TrendChartInput['markers']): Plugin<'line'> {
	return {
		id: 'verticalMarkers',
		afterDatasetsDraw(chart) {
			const { ctx, chartArea, scales } = chart;
			ctx.save();
			ctx.strokeStyle = MUTED_COLOUR;
			ctx.fillStyle = MUTED_COLOUR;
			ctx.lineWidth = 1.5;
			ctx.setLineDash([4, 4]);
			ctx.font = `12px ${chart.options.font?.family ?? 'sans-serif'}`;
			for (const { index, label } of markers) {
				const x = scales.x!.getPixelForValue(index);
				ctx.beginPath();
				ctx.moveTo(x, chartArea.top);
				ctx.lineTo(x, chartArea.bottom);
				ctx.stroke();
				// A change in the last period would put its label off the chart: write it on the line's left.
				const fits = x + 4 + ctx.measureText(label).width <= chartArea.right;
				ctx.textAlign = fits ? 'left' : 'right';
				ctx.fillText(label, fits ? x + 4 : x - 4, chartArea.top + 12);
			}
			ctx.restore();
		}
	};
}

const constantLine = (
	label: string,
	value: number,
	periods: number,
	colour: string,
	dash: number[]
) => ({
	label,
	data: new Array<number>(periods).fill(value),
	borderColor: colour,
	backgroundColor: colour,
	borderDash: dash,
	borderWidth: 2,
	// A line in the legend too, not a dot: these are levels, not measurements.
	pointStyle: 'line' as const,
	pointRadius: 0,
	pointHitRadius: 0,
	fill: false
});

/** Periods with fewer than 30 answers get no band: their interval is too wide to say anything. */
const bandEdge = (edge: number[], lowN: boolean[]) =>
	gapsForNaN(edge.map((value, index) => (lowN[index] ? NaN : value)));

/**
 * A score trend on a fixed 0–100 axis, so a small month cannot stretch it, with one slot per
 * period: an empty period is a gap in the line, never skipped.
 */
export function trendChartConfig(
	input: TrendChartInput
): ChartConfiguration<'line', (number | null)[], string> {
	const { periods, main, extra, target, reference } = input;
	// The band's name, which the tooltip leaves out as it does the band's lower edge.
	const band = m.dashboard_chart_ci_band();
	return {
		type: 'line',
		data: {
			labels: periods,
			datasets: [
				{
					label: 'ciLow',
					data: bandEdge(main.ciLow, main.lowN),
					borderWidth: 0,
					pointRadius: 0,
					pointHitRadius: 0,
					fill: false
				},
				{
					label: band,
					data: bandEdge(main.ciHigh, main.lowN),
					borderWidth: 0,
					pointRadius: 0,
					pointHitRadius: 0,
					backgroundColor: 'rgba(15, 92, 77, 0.15)',
					pointStyle: 'rect',
					fill: '-1'
				},
				{
					label: main.label,
					data: gapsForNaN(main.values),
					borderColor: MAIN_COLOUR,
					backgroundColor: MAIN_COLOUR,
					borderWidth: 3,
					pointStyle: 'circle',
					pointRadius: 5,
					// Hollow points: fewer than 30 answers in that period.
					pointBackgroundColor: main.lowN.map((low) => (low ? '#ffffff' : MAIN_COLOUR)),
					fill: false
				},
				...extra.map((line, index) => {
					const style = seriesStyle(index);
					return {
						label: line.label,
						data: gapsForNaN(line.values),
						borderColor: style.colour,
						backgroundColor: style.colour,
						borderDash: style.dash,
						borderWidth: 2,
						pointStyle: style.shape,
						pointRadius: 4,
						hidden: true,
						fill: false
					};
				}),
				...(target === null
					? []
					: [
							constantLine(
								m.dashboard_chart_target({ value: formatNumber(target) }),
								target,
								periods.length,
								TARGET_COLOUR,
								[8, 4]
							)
						]),
				...(reference === null
					? []
					: [
							constantLine(
								m.dashboard_chart_reference({
									label: reference.label,
									value: formatNumber(reference.value)
								}),
								reference.value,
								periods.length,
								REFERENCE_COLOUR,
								[2, 3]
							)
						])
			]
		},
		options: {
			responsive: true,
			maintainAspectRatio: false,
			interaction: { mode: 'index', intersect: false },
			scales: {
				y: { min: 0, max: 100, title: { display: true, text: input.yTitle } },
				x: { title: { display: true, text: m.dashboard_period() } }
			},
			plugins: {
				legend: {
					// Factor lines are shown with the checkboxes beside the chart, which work by keyboard.
					onClick: () => {},
					labels: { usePointStyle: true, filter: (item) => item.text !== 'ciLow' && !item.hidden }
				},
				tooltip: {
					filter: (item) => item.dataset.label !== 'ciLow' && item.dataset.label !== band
				}
			}
		},
		plugins: [verticalMarkers(input.markers)]
	};
}
