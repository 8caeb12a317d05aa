/** WCAG 2.2's least contrast for normal-size text (1.4.3, level AA): links, and labels on buttons. */
export const MIN_TEXT_CONTRAST = 4.5;

/** `#rrggbb` (either case) as its red, green and blue channels, 0–255. */
export function hexChannels(hex: string): [number, number, number] {
	const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
	if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
	return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}

/** An sRGB channel (0–255) as linear light; threshold and curve from WCAG 2.x's definition. */
function linear(channel: number): number {
	const value = channel / 255;
	return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

/** WCAG's relative luminance: 0 for black, 1 for white. */
export function relativeLuminance(hex: string): number {
	const [red, green, blue] = hexChannels(hex).map(linear) as [number, number, number];
	return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

/** WCAG's contrast ratio of two `#rrggbb` colours, from 1 (the same) to 21 (black on white). */
export function contrastRatio(first: string, second: string): number {
	const [lighter, darker] = [relativeLuminance(first), relativeLuminance(second)].sort(
		(a, b) => b - a
	) as [number, number];
	return (lighter + 0.05) / (darker + 0.05);
}
