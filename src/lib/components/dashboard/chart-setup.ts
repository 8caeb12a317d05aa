/**
 * chart.js with only the parts the dashboard draws, registered once. Imported dynamically from
 * the browser only (see chart-canvas.svelte): the server renders the data tables, never a chart.
 */
import {
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	Filler,
	Legend,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	ScatterController,
	Tooltip,
	type Plugin
} from 'chart.js';
import { intlTag } from '$lib/i18n/format';

/** A white canvas, so a downloaded PNG is readable on any background. */
const whiteBackground: Plugin = {
	id: 'whiteBackground',
	beforeDraw(chart) {
		const { ctx, width, height } = chart;
		ctx.save();
		ctx.globalCompositeOperation = 'destination-over';
		ctx.fillStyle = '#ffffff';
		ctx.fillRect(0, 0, width, height);
		ctx.restore();
	}
};

Chart.register(
	BarController,
	BarElement,
	CategoryScale,
	Filler,
	Legend,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	ScatterController,
	Tooltip,
	whiteBackground
);
Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
Chart.defaults.color = '#1d2433';
// Axis ticks and tooltip values in the page's language, not the browser's (the page's language is
// its <html lang>, fixed until the next page load).
Chart.defaults.locale = intlTag();
if (matchMedia('(prefers-reduced-motion: reduce)').matches) Chart.defaults.animation = false;

export { Chart };
