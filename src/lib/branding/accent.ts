import { hexChannels } from './contrast';

/** The default accent (app.css's `--brand`), used until an owner chooses one. */
export const DEFAULT_ACCENT = '#0f5c4d';

const hex = (channels: number[]) =>
	`#${channels.map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;

/** `colour` mixed with `toward` (0–255 per channel) by `share` of the latter. */
const mixed = (colour: string, toward: number, share: number) =>
	hex(hexChannels(colour).map((channel) => channel * (1 - share) + toward * share));

/**
 * The shades app.css derives its states from: the accent itself (buttons, links, chosen answers,
 * focus rings), a quarter darker for hover, and a pale tint for notices and hovered secondary
 * buttons. With the accent at 4.5:1 against white, hover text on the tint stays above 4.5:1.
 */
export function accentShades(accent: string) {
	return {
		brand: accent.toLowerCase(),
		strong: mixed(accent, 0, 0.25),
		soft: mixed(accent, 255, 0.88)
	};
}

/**
 * The stylesheet that turns on the accent inside `.branded`: a file rather than a style attribute,
 * which the Content Security Policy refuses (svelte.config.js).
 */
export function accentStylesheet(accent: string): string {
	const { brand, strong, soft } = accentShades(accent);
	return `.branded{--brand:${brand};--brand-strong:${strong};--brand-soft:${soft};--focus:${brand}}\n`;
}
