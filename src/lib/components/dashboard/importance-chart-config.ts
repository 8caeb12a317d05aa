import type { ChartConfiguration, Plugin, PointStyle } from 'chart.js';
import {
	quadrantNames,
	quadrants,
	type ImportanceGrid,
	type Quadrant
} from '$lib/analytics/quadrants';
import * as m from '../../paraglide/messages';
import { MUTED_COLOUR } from './chart-style';
import { formatScore } from './format';

/** Each quadrant has its own colour and point shape, so the chart reads without colour too. */
const quadrantStyle: Record<Quadrant, { colour: string; shape: PointStyle }> = {
	concentrate: { colour: '#d55e00', shape: 'triangle' },
	keep: { colour: '#009e73', shape: 'circle' },
	lowPriority: { colour: '#4a5568', shape: 'rect' },
	overkill: { colour: '#0072b2', shape: 'rectRot' }
};

type Point = { x: number; y: number; name: string };

/** Crosshairs at the means, the quadrants' names in their corners, and each point's factor name. */
function gridLines(grid: ImportanceGrid): Plugin<'scatter'> {
	return {
		id: 'importanceGrid',
		afterDatasetsDraw(chart) {
			const { ctx, chartArea, scales } = chart;
			const x = scales.x!.getPixelForValue(grid.meanImportance);
			const y = scales.y!.getPixelForValue(grid.meanScore);
			const font = chart.options.font?.family ?? 'sans-serif';
			ctx.save();
			ctx.strokeStyle = MUTED_COLOUR;
			ctx.setLineDash([5, 4]);
			ctx.beginPath();
			ctx.moveTo(x, chartArea.top);
			ctx.lineTo(x, chartArea.bottom);
			ctx.moveTo(chartArea.left, y);
			ctx.lineTo(chartArea.right, y);
			ctx.stroke();
			ctx.setLineDash([]);
			ctx.fillStyle = MUTED_COLOUR;
			// On a narrow screen the corner names would collide; the list beside the chart names the quadrants.
			if (chartArea.width >= 420) {
				ctx.font = `600 12px ${font}`;
				const pad = 6;
				ctx.textBaseline = 'top';
				ctx.textAlign = 'left';
				ctx.fillText(quadrantNames.overkill, chartArea.left + pad, chartArea.top + pad);
				ctx.textAlign = 'right';
				ctx.fillText(quadrantNames.keep, chartArea.right - pad, chartArea.top + pad);
				ctx.textBaseline = 'bottom';
				ctx.fillText(quadrantNames.concentrate, chartArea.right - pad, chartArea.bottom - pad);
				ctx.textAlign = 'left';
				ctx.fillText(quadrantNames.lowPriority, chartArea.left + pad, chartArea.bottom - pad);
			}
			ctx.font = `12px ${font}`;
			ctx.fillStyle = '#1d2433';
			ctx.textBaseline = 'middle';
			chart.data.datasets.forEach((dataset, datasetIndex) => {
				chart.getDatasetMeta(datasetIndex).data.forEach((element, index) => {
					const { name } = dataset.data[index] as Point;
					// Names that would run off the right edge go on the point's left.
					const fits = element.x + 9 + ctx.measureText(name).width <= chart.width;
					ctx.textAlign = fits ? 'left' : 'right';
					ctx.fillText(name, fits ? element.x + 9 : element.x - 9, element.y);
				});
			});
			ctx.restore();
		}
	};
}

/**
 * Both axes start at 0 and speak one unit each: importance in the same form as the table beside
 * the chart (a share in %, or Pearson r), scores on 0–100. A negative r widens the axis below 0.
 */
export function importanceChartConfig(
	grid: ImportanceGrid,
	xTitle: string,
	formatImportance: (value: number) => string
): ChartConfiguration<'scatter', Point[], string> {
	const xs = grid.placed.map(({ importance }) => importance);
	const highest = Math.max(...xs);
	return {
		type: 'scatter',
		data: {
			datasets: quadrants.map((quadrant) => ({
				label: quadrantNames[quadrant],
				data: grid.placed
					.filter((factor) => factor.quadrant === quadrant)
					.map(({ importance, score, name }) => ({ x: importance, y: score, name })),
				backgroundColor: quadrantStyle[quadrant].colour,
				borderColor: quadrantStyle[quadrant].colour,
				pointStyle: quadrantStyle[quadrant].shape,
				pointRadius: 7,
				pointHoverRadius: 9
			}))
		},
		options: {
			responsive: true,
			maintainAspectRatio: false,
			// Room on the right for the factor names drawn beside their points.
			layout: { padding: { right: 24 } },
			scales: {
				x: {
					title: { display: true, text: xTitle },
					min: Math.min(0, ...xs),
					// Room on the right for the names written beside the points.
					suggestedMax: highest + Math.abs(highest) * 0.25,
					ticks: { callback: (value) => formatImportance(Number(value)) }
				},
				y: { title: { display: true, text: m.dashboard_factor_score_axis() }, min: 0, max: 100 }
			},
			plugins: {
				legend: { onClick: () => {}, labels: { usePointStyle: true } },
				tooltip: {
					callbacks: {
						label: (item) =>
							m.dashboard_importance_tooltip({
								factor: (item.raw as Point).name,
								importance: formatImportance(item.parsed.x ?? NaN),
								score: formatScore(item.parsed.y)
							})
					}
				}
			}
		},
		plugins: [gridLines(grid)]
	};
}
