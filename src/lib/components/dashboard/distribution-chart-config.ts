import type { ChartConfiguration } from 'chart.js';
import { MAIN_COLOUR } from './chart-style';

export const ratingLabels = [
	'1 – completely dissatisfied',
	'2',
	'3',
	'4',
	'5 – completely satisfied'
];

export function distributionChartConfig(
	counts: number[]
): ChartConfiguration<'bar', number[], string> {
	return {
		type: 'bar',
		data: {
			labels: ratingLabels,
			datasets: [
				{ label: 'Answers', data: counts, backgroundColor: MAIN_COLOUR, borderColor: MAIN_COLOUR }
			]
		},
		options: {
			responsive: true,
			maintainAspectRatio: false,
			scales: {
				x: { title: { display: true, text: 'Rating' } },
				y: { beginAtZero: true, title: { display: true, text: 'Answers' }, ticks: { precision: 0 } }
			},
			plugins: { legend: { display: false } }
		}
	};
}
