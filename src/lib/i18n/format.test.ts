import { describe, expect, it } from 'vitest';
import type { Locale } from '../paraglide/runtime';
import {
	formatDate,
	formatDateTime,
	formatMonth,
	formatNumber,
	formatPercent,
	formatPercentage,
	formatScore
} from './format';

// Written out by hand per language; \u00a0 is the no-break space Finnish groups digits with and
// German, Finnish and Romanian put before "%", \u2212 the minus sign Finnish writes.
const perLocale = <T>(expected: Record<Locale, T>) => Object.entries(expected) as [Locale, T][];

const moment = new Date(Date.UTC(2026, 2, 12, 14, 5, 7));

describe('numbers', () => {
	it('writes a 0–100 score with one decimal and the language’s decimal mark', () => {
		for (const [locale, shown] of perLocale({
			en: '72.5',
			de: '72,5',
			nl: '72,5',
			fi: '72,5',
			ro: '72,5'
		}))
			expect(formatScore(72.46, locale)).toBe(shown);
		expect(formatScore(0, 'en')).toBe('0.0');
	});

	it('groups thousands as the language does', () => {
		for (const [locale, shown] of perLocale({
			en: ['1,234', '12,345.678', '-1,234'],
			de: ['1.234', '12.345,678', '-1.234'],
			nl: ['1.234', '12.345,678', '-1.234'],
			fi: ['1\u00a0234', '12\u00a0345,678', '\u22121\u00a0234'],
			ro: ['1.234', '12.345,678', '-1.234']
		}))
			expect([1234, 12345.678, -1234].map((n) => formatNumber(n, undefined, locale))).toEqual(
				shown
			);
	});

	it('writes fixed decimals as the CSV exports round them, or up to a number of decimals', () => {
		expect(formatNumber(1.005, 2, 'en')).toBe('1.00');
		expect(formatNumber(1.005, 2, 'de')).toBe('1,00');
		expect(formatNumber(1234.5, { upTo: 2 }, 'en')).toBe('1,234.5');
		expect(formatNumber(1234.5, { upTo: 2 }, 'de')).toBe('1.234,5');
		expect(formatNumber(2.5, 0, 'en')).toBe('3');
	});

	it('writes shares as percentages with the language’s spacing', () => {
		for (const [locale, shown] of perLocale({
			en: ['33%', '12.5%', '50%'],
			de: ['33\u00a0%', '12,5\u00a0%', '50\u00a0%'],
			nl: ['33%', '12,5%', '50%'],
			fi: ['33\u00a0%', '12,5\u00a0%', '50\u00a0%'],
			ro: ['33\u00a0%', '12,5\u00a0%', '50\u00a0%']
		}))
			expect([
				formatPercent(1 / 3, 0, locale),
				formatPercent(0.125, { upTo: 1 }, locale),
				formatPercent(0.5, { upTo: 1 }, locale)
			]).toEqual(shown);
		// 0.145 × 100 is 14.4999… in binary: fixed digits round it down, as the exports do.
		expect(formatPercent(0.145, 0, 'en')).toBe('14%');
		expect(formatPercent(0.125, 1, 'en')).toBe('12.5%');
	});

	it('writes a percentage given on 0–100 rounded as given', () => {
		expect(formatPercentage(57.5, 0, 'en')).toBe('58%');
		expect(formatPercentage(57.5, 0, 'de')).toBe('58\u00a0%');
		expect(formatPercentage(33.333, 1, 'fi')).toBe('33,3\u00a0%');
	});
});

describe('dates', () => {
	it('writes a day as the language does, English day first', () => {
		for (const [locale, shown] of perLocale({
			en: '12 Mar 2026',
			de: '12.03.2026',
			nl: '12 mrt 2026',
			fi: '12.3.2026',
			ro: '12 mar. 2026'
		}))
			expect(formatDate(moment, { utc: true }, locale)).toBe(shown);
	});

	it('adds the time to the minute, or to the second', () => {
		for (const [locale, shown] of perLocale({
			en: ['12 Mar 2026, 14:05', '12 Mar 2026, 14:05:07'],
			de: ['12.03.2026, 14:05', '12.03.2026, 14:05:07'],
			nl: ['12 mrt 2026, 14:05', '12 mrt 2026, 14:05:07'],
			fi: ['12.3.2026 klo 14.05', '12.3.2026 klo 14.05.07'],
			ro: ['12 mar. 2026, 14:05', '12 mar. 2026, 14:05:07']
		}))
			expect([
				formatDateTime(moment, { utc: true }, locale),
				formatDateTime(moment, { utc: true, seconds: true }, locale)
			]).toEqual(shown);
	});

	it('keeps the day of a UTC date wherever the reader is', () => {
		const lateEvening = new Date(Date.UTC(2026, 2, 12, 23, 30));
		expect(formatDate(lateEvening, { utc: true }, 'en')).toBe('12 Mar 2026');
	});

	it('names a month key as people say it', () => {
		for (const [locale, shown] of perLocale({
			en: ['Mar 2026', 'Sep 2026'],
			de: ['März 2026', 'Sept. 2026'],
			nl: ['mrt 2026', 'sep 2026'],
			fi: ['maalis 2026', 'syys 2026'],
			ro: ['mar. 2026', 'sept. 2026']
		}))
			expect([formatMonth('2026-03', locale), formatMonth('2026-09', locale)]).toEqual(shown);
		expect(formatMonth('2026-Q1', 'en')).toBe('2026-Q1');
		expect(formatMonth('2026-13', 'en')).toBe('2026-13');
	});

	it('speaks the current locale when given none (English in tests)', () => {
		expect(formatDate(moment, { utc: true })).toBe('12 Mar 2026');
		expect(formatScore(72.46)).toBe('72.5');
	});
});
