import type { ChartConfiguration } from 'chart.js';
import { gapsForNaN } from './chart-style';
import * as m from '../../paraglide/messages';
import { kindName, labelName, type ShareSeries, type TextKindKey } from './sentiment-view';

// Okabe–Ito: bluish green and vermillion stay apart with the common colour-vision deficiencies.
const POSITIVE_COLOUR = '#009e73';
const NEGATIVE_COLOUR = '#d55e00';
const ANSWERS_COLOUR = '#0072b2';
const REVIEWS_COLOUR = '#8a4b00';

/** Each kind of text its own dash, each label its own arrow: no line is told apart by colour alone. */
const kindLine: Record<TextKindKey, { dash: number[]; width: number }> = {
	both: { dash: [], width: 3 },
	answers: { dash: [6, 3], width: 2 },
	reviews: { dash: [2, 2], width: 2 }
};

/** A line's name, worded whole for each label and kind of text. */
export const seriesName = ({ kind, label }: Pick<ShareSeries, 'kind' | 'label'>): string =>
	({
		positive: {
			answers: m.dashboard_series_positive_answers,
			reviews: m.dashboard_series_positive_reviews,
			both: m.dashboard_series_positive_both
		},
		negative: {
			answers: m.dashboard_series_negative_answers,
			reviews: m.dashboard_series_negative_reviews,
			both: m.dashboard_series_negative_both
		}
	})[label][kind]();

export function shareChartConfig(
	periods: string[],
	series: ShareSeries[]
): ChartConfiguration<'line', (number | null)[], string> {
	return {
		type: 'line',
		data: {
			labels: periods,
			datasets: series.map((line) => {
				const colour = line.label === 'positive' ? POSITIVE_COLOUR : NEGATIVE_COLOUR;
				return {
					label: seriesName(line),
					data: gapsForNaN(line.values),
					borderColor: colour,
					backgroundColor: colour,
					borderDash: kindLine[line.kind].dash,
					borderWidth: kindLine[line.kind].width,
					// Up for positive, down for negative.
					pointStyle: 'triangle' as const,
					pointRotation: line.label === 'positive' ? 0 : 180,
					pointRadius: 5,
					// Hollow points: fewer than 30 scored texts in that period.
					pointBackgroundColor: line.lowN.map((low) => (low ? '#ffffff' : colour)),
					fill: false
				};
			})
		},
		options: {
			responsive: true,
			maintainAspectRatio: false,
			interaction: { mode: 'index', intersect: false },
			scales: {
				y: { min: 0, max: 100, title: { display: true, text: m.dashboard_sentiment_share_axis() } },
				x: { title: { display: true, text: m.dashboard_period() } }
			},
			plugins: { legend: { labels: { usePointStyle: true } } }
		}
	};
}

/** Diagonal stripes in the colour, so the second kind of bar differs by more than its hue. */
function stripes(colour: string): CanvasPattern | string {
	if (typeof document === 'undefined') return colour;
	const tile = document.createElement('canvas');
	tile.width = tile.height = 8;
	const context = tile.getContext('2d');
	if (!context) return colour;
	context.fillStyle = '#ffffff';
	context.fillRect(0, 0, 8, 8);
	context.strokeStyle = colour;
	context.lineWidth = 2.5;
	context.beginPath();
	for (const offset of [-8, 0, 8]) {
		context.moveTo(offset, 8);
		context.lineTo(offset + 8, 0);
	}
	context.stroke();
	return context.createPattern(tile, 'repeat') ?? colour;
}

/** Texts per label (not scored included), one bar per kind of text: answers solid, reviews striped. */
export function labelChartConfig(
	kinds: { kind: 'answers' | 'reviews'; counts: number[] }[]
): ChartConfiguration<'bar', number[], string> {
	return {
		type: 'bar',
		data: {
			labels: [
				labelName('positive'),
				labelName('neutral'),
				labelName('negative'),
				labelName('notScored')
			],
			datasets: kinds.map(({ kind, counts }) => {
				const colour = kind === 'answers' ? ANSWERS_COLOUR : REVIEWS_COLOUR;
				return {
					label: kindName(kind),
					data: counts,
					backgroundColor: kind === 'answers' ? colour : stripes(colour),
					borderColor: colour,
					borderWidth: 2
				};
			})
		},
		options: {
			responsive: true,
			maintainAspectRatio: false,
			scales: {
				x: { title: { display: true, text: m.dashboard_tone() } },
				y: {
					beginAtZero: true,
					title: { display: true, text: m.dashboard_texts_axis() },
					ticks: { precision: 0 }
				}
			},
			plugins: { legend: { display: kinds.length > 1 } }
		}
	};
}
