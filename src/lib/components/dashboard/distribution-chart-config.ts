import type { ChartConfiguration } from 'chart.js';
import * as m from '../../paraglide/messages';
import { MAIN_COLOUR } from './chart-style';

/** The rating scale's points, its ends in words. */
export const ratingLabels = () => [
	m.dashboard_rating_lowest(),
	'2',
	'3',
	'4',
	m.dashboard_rating_highest()
];

export function distributionChartConfig(
	counts: number[]
): ChartConfiguration<'bar', number[], string> {
	return {
		type: 'bar',
		data: {
			labels: ratingLabels(),
			datasets: [
				{
					label: m.dashboard_answers(),
					data: counts,
					backgroundColor: MAIN_COLOUR,
					borderColor: MAIN_COLOUR
				}
			]
		},
		options: {
			responsive: true,
			maintainAspectRatio: false,
			scales: {
				x: { title: { display: true, text: m.dashboard_rating() } },
				y: {
					beginAtZero: true,
					title: { display: true, text: m.dashboard_answers() },
					ticks: { precision: 0 }
				}
			},
			plugins: { legend: { display: false } }
		}
	};
}
