import { getContext, setContext } from 'svelte';
import * as m from '../../paraglide/messages';
import { withTextChunks } from './png-text';

const KEY = Symbol('chart export');

/** A page with charts says what its view shows; every chart exported below it carries that line. */
export function setChartExportDescription(describe: () => string): void {
	setContext(KEY, describe);
}

export function chartExportDescription(): () => string {
	return getContext<(() => string) | undefined>(KEY) ?? (() => '');
}

/** Words into lines no wider than `maxWidth`, as `measure` sees them. */
export function wrapWords(text: string, maxWidth: number, measure: (line: string) => number) {
	const lines: string[] = [];
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const last = lines.at(-1);
		if (last !== undefined && measure(`${last} ${word}`) <= maxWidth)
			lines[lines.length - 1] = `${last} ${word}`;
		else lines.push(word);
	}
	return lines;
}

const INK = '#1d2433';
const SOFT = '#4a5568';

/**
 * The chart as a PNG that says what it is: title, filters and export time drawn above it, and the
 * same in the file's text chunks (Title, Description, Creation Time).
 */
export async function exportedChartPng(
	chart: HTMLCanvasElement,
	title: string,
	description: string,
	now = new Date()
): Promise<Blob> {
	const scale = window.devicePixelRatio || 1;
	const pad = 16 * scale;
	const canvas = document.createElement('canvas');
	const context = canvas.getContext('2d')!;
	const family = getComputedStyle(document.body).fontFamily || 'sans-serif';
	const titleFont = `700 ${18 * scale}px ${family}`;
	const textFont = `${13 * scale}px ${family}`;
	const stamp = m.dashboard_chart_exported({
		time: now.toISOString().slice(0, 16).replace('T', ' ')
	});
	context.font = textFont;
	const lines = [
		...wrapWords(description, chart.width - 2 * pad, (line) => context.measureText(line).width),
		stamp
	];
	const lineHeight = 18 * scale;
	const header = pad + 24 * scale + lines.length * lineHeight + pad / 2;
	canvas.width = chart.width;
	canvas.height = header + chart.height;
	context.fillStyle = '#ffffff';
	context.fillRect(0, 0, canvas.width, canvas.height);
	context.textBaseline = 'top';
	context.fillStyle = INK;
	context.font = titleFont;
	context.fillText(title, pad, pad);
	context.font = textFont;
	context.fillStyle = SOFT;
	lines.forEach((line, index) =>
		context.fillText(line, pad, pad + 24 * scale + index * lineHeight)
	);
	context.drawImage(chart, 0, header);
	const blob = await new Promise<Blob>((resolve, reject) =>
		canvas.toBlob((made) => (made ? resolve(made) : reject(new Error('No PNG'))), 'image/png')
	);
	const png = withTextChunks(new Uint8Array(await blob.arrayBuffer()), {
		Title: title,
		Description: description,
		'Creation Time': now.toISOString(),
		Software: 'Satisfy'
	});
	return new Blob([png], { type: 'image/png' });
}
