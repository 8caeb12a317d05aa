/**
 * Dates and numbers as the reader's language writes them: "12 Mar 2026" and "72.5" in English,
 * "12.03.2026" and "72,5" in German. Each function speaks the current request's locale unless
 * given one.
 */
import { getLocale, type Locale } from '../paraglide/runtime';

/** Decimals to write: exactly so many, or up to so many with trailing zeros dropped. */
export type Digits = number | { upTo: number };

/**
 * The tag Intl formats a locale with, also for libraries that format numbers themselves
 * (chart.js's axes and tooltips). English writes dates the British way, day first: "12 Mar 2026".
 */
export const intlTag = (locale: Locale = getLocale()): string =>
	locale === 'en' ? 'en-GB' : locale;

/** Building an Intl format is slow and a table asks for one per cell: one per tag and options. */
function cached<Format, Options>(make: new (tag: string, options: Options) => Format) {
	const formats = new Map<string, Format>();
	return (tag: string, options: Options): Format => {
		const key = `${tag} ${JSON.stringify(options)}`;
		let format = formats.get(key);
		if (!format) formats.set(key, (format = new make(tag, options)));
		return format;
	};
}

const numberFormat = cached(Intl.NumberFormat);
const dateFormat = cached(Intl.DateTimeFormat);

const fractionDigits = (digits: Digits): Intl.NumberFormatOptions =>
	typeof digits === 'number'
		? { minimumFractionDigits: digits, maximumFractionDigits: digits }
		: { maximumFractionDigits: digits.upTo };

/**
 * Fixed decimals are rounded the way `toFixed` rounds (the binary value: 1.005 → 1.00), as the
 * CSV exports write them, so a table and its export show the same digits.
 */
const rounded = (value: number, digits: Digits): number =>
	typeof digits === 'number' ? Number(value.toFixed(digits)) : value;

/** A number with the locale's decimal mark and digit grouping: 12,345.5 / 12.345,5 / 12 345,5. */
export function formatNumber(
	value: number,
	digits: Digits = { upTo: 3 },
	locale: Locale = getLocale()
): string {
	return numberFormat(intlTag(locale), fractionDigits(digits)).format(rounded(value, digits));
}

/** A score on 0–100 (CSI, factor, response) with one decimal: "72.5", "72,5". */
export function formatScore(score: number, locale: Locale = getLocale()): string {
	return formatNumber(score, 1, locale);
}

const percentFormat = (digits: Digits, locale: Locale) =>
	numberFormat(intlTag(locale), { style: 'percent', ...fractionDigits(digits) });

/** A share of 1 as a percentage: 0.333 → "33%", "33 %" in German and Finnish. */
export function formatPercent(
	share: number,
	digits: Digits = 0,
	locale: Locale = getLocale()
): string {
	return typeof digits === 'number'
		? formatPercentage(share * 100, digits, locale)
		: percentFormat(digits, locale).format(share);
}

/**
 * A percentage already on 0–100, such as a top-2-box: 57.5 → "58%". Not `formatPercent(x / 100)`,
 * whose 57.5 / 100 × 100 comes back as 57.4999… and rounds down.
 */
export function formatPercentage(
	percentage: number,
	digits = 0,
	locale: Locale = getLocale()
): string {
	return percentFormat(digits, locale).format(rounded(percentage, digits) / 100);
}

/**
 * `utc`: shown in UTC, as days kept as UTC dates are (a response's day, the dashboard's periods);
 * otherwise in the local time zone, the server's while rendering and then the browser's.
 */
type Zone = { utc?: boolean };

const zone = ({ utc = false }: Zone): Intl.DateTimeFormatOptions =>
	utc ? { timeZone: 'UTC' } : {};

/** Day, month and year: "12 Mar 2026", "12.03.2026". */
export function formatDate(date: Date, options: Zone = {}, locale: Locale = getLocale()): string {
	return dateFormat(intlTag(locale), { dateStyle: 'medium', ...zone(options) }).format(date);
}

/** A date with its time to the minute, or to the second: "12 Mar 2026, 14:05". */
export function formatDateTime(
	date: Date,
	options: Zone & { seconds?: boolean } = {},
	locale: Locale = getLocale()
): string {
	const timeStyle = options.seconds ? 'medium' : 'short';
	return dateFormat(intlTag(locale), { dateStyle: 'medium', timeStyle, ...zone(options) }).format(
		date
	);
}

/** A month key as people say it: `2026-03` → "Mar 2026", "März 2026"; anything else unchanged. */
export function formatMonth(key: string, locale: Locale = getLocale()): string {
	const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
	if (!month) return key;
	// British English shortens September to "Sept"; months have always read "Sep" here, as in en.
	const tag = locale === 'en' ? 'en' : intlTag(locale);
	return dateFormat(tag, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
		Date.UTC(Number(month[1]), Number(month[2]) - 1)
	);
}
