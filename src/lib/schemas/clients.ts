import { z } from 'zod';
import { lineText, multilineText } from './text';
import * as m from '../paraglide/messages';
import { baseLocale, getLocale } from '../paraglide/runtime';

const displayNames = new Map<string, Intl.DisplayNames>();

/** Language names in `locale`, none for a tag no language answers to. */
function languageNames(locale: string): Intl.DisplayNames {
	let names = displayNames.get(locale);
	if (!names) {
		names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' });
		displayNames.set(locale, names);
	}
	return names;
}

const knownLanguages = new Map<string, string | null>();

/** A BCP 47 tag whose language is known (e.g. `de`, `nl`, `fi`, `ro`, `en`, `pt-BR`), canonicalised. */
export function canonicalLanguage(tag: string): string | null {
	// Imports ask about the same few tags 100,000 times; Intl is slow enough for that to show.
	let known = knownLanguages.get(tag);
	if (known === undefined) {
		known = lookUpLanguage(tag);
		if (knownLanguages.size < 1000) knownLanguages.set(tag, known);
	}
	return known;
}

function lookUpLanguage(tag: string): string | null {
	try {
		const [canonical] = Intl.getCanonicalLocales(tag);
		// Asked in one locale, so that whether a tag is known never depends on who asks.
		return canonical && languageNames(baseLocale).of(canonical) ? canonical : null;
	} catch {
		return null;
	}
}

/** A language's name in the language of the person reading ("German" in English, "Deutsch" in German). */
export function languageName(tag: string): string {
	return languageNames(getLocale()).of(tag) ?? tag;
}

/** A language's name in that language ("Deutsch", "suomi"): what a respondent looks for. */
export function nativeLanguageName(tag: string): string {
	try {
		const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
		return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
	} catch {
		return tag;
	}
}

export const languageSchema = lineText()
	.trim()
	.transform((tag, ctx) => {
		const canonical = canonicalLanguage(tag);
		if (!canonical) {
			ctx.addIssue({
				code: 'custom',
				message: m.schema_clients_unknown_language({ tag })
			});
			return z.NEVER;
		}
		return canonical;
	});

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date as `YYYY-MM-DD`; also reads `DD.MM.YYYY`, as European spreadsheets write it. */
export function isoDate(text: string): string | null {
	const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
	const candidate = dotted
		? `${dotted[3]}-${dotted[2]!.padStart(2, '0')}-${dotted[1]!.padStart(2, '0')}`
		: text;
	const match = isoDatePattern.exec(candidate);
	if (!match) return null;
	// Checked by calendar arithmetic: it rejects 2024-02-30, and costs less than a Date per cell.
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (month < 1 || month > 12 || day < 1) return null;
	const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
	const daysInMonth = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
	return day <= daysInMonth ? candidate : null;
}

export const dateSchema = lineText()
	.trim()
	.transform((text, ctx) => {
		const date = isoDate(text);
		if (!date) {
			ctx.addIssue({
				code: 'custom',
				message: m.schema_clients_not_a_date({ text })
			});
			return z.NEVER;
		}
		return date;
	});

/** A plain number; a single comma counts as the decimal separator (`1234,50`), as in many locales. */
export function parseDecimal(text: string): number | null {
	const normalised = /^-?\d+,\d+$/.test(text) ? text.replace(',', '.') : text;
	if (!/^-?\d+(\.\d+)?$/.test(normalised)) return null;
	return Number(normalised);
}

/**
 * A union that fails says only "Invalid input". This passes on the message of the branch made for the
 * input's type instead (for "lots", the text branch's), which tells the person what to write.
 */
const branchMessage: z.core.$ZodErrorMap = (issue) =>
	issue.code === 'invalid_union'
		? issue.errors.flat().find((branchIssue) => branchIssue.code !== 'invalid_type')?.message
		: undefined;

export const amountSchema = z.union(
	[
		z.number().nonnegative({ error: () => m.schema_clients_amount_negative() }),
		lineText()
			.trim()
			.transform((text, ctx) => {
				const value = parseDecimal(text);
				if (value === null || value < 0) {
					ctx.addIssue({
						code: 'custom',
						message: m.schema_clients_not_an_amount({ text })
					});
					return z.NEVER;
				}
				return value;
			})
	],
	{ error: branchMessage }
);

const yes = new Set(['yes', 'y', 'true', '1', 'ja', 'kyllä', 'da', 'x']);
const no = new Set(['no', 'n', 'false', '0', 'nein', 'nee', 'ei', 'nu', '']);

export const flagSchema = z.union(
	[
		z.boolean(),
		lineText().transform((text, ctx) => {
			const answer = text.trim().toLowerCase();
			if (yes.has(answer)) return true;
			if (no.has(answer)) return false;
			ctx.addIssue({ code: 'custom', message: m.schema_clients_not_yes_no({ text }) });
			return z.NEVER;
		})
	],
	{ error: branchMessage }
);

// Names and companies come from spreadsheets, whose cells may hold line breaks (Alt+Enter in Excel).
const optionalText = (max: number) =>
	multilineText()
		.trim()
		.max(max, { error: () => m.validation_max_characters({ max }) })
		.transform((text) => text || null)
		.nullish();

/** The tick that confirms erasing clients and their personal data for good. */
export const erasureConfirmationSchema = z.object({
	confirm: z.literal('on', { error: () => m.schema_clients_confirm_erasure() })
});

export const tagNameSchema = lineText()
	.trim()
	.min(1)
	.max(50, { error: () => m.schema_clients_tag_too_long() });

export const attributeKeySchema = lineText()
	.trim()
	.regex(/^[a-z][a-z0-9_]{0,39}$/, {
		error: () => m.validation_key_format({ example: 'country' })
	});

/**
 * One client as entered through a form, a CSV row or the API. Empty optional fields mean "none".
 * `attributes` holds raw values; their types are checked against the workspace's definitions.
 */
export const clientInputSchema = z.object({
	email: lineText()
		.trim()
		.toLowerCase()
		.pipe(z.email({ error: () => m.schema_clients_invalid_email() }).max(254)),
	name: multilineText()
		.trim()
		.min(1, { error: () => m.validation_enter_name() })
		.max(200, { error: () => m.validation_max_characters({ max: 200 }) }),
	phone: optionalText(50),
	company: optionalText(200),
	language: languageSchema,
	tags: z.array(tagNameSchema).max(50).default([]),
	/** Email of a staff user; empty for none. */
	accountManager: lineText().trim().toLowerCase().max(254).nullish(),
	clientSince: dateSchema.nullish(),
	lastPurchaseOn: dateSchema.nullish(),
	renewalOn: dateSchema.nullish(),
	annualValue: amountSchema.nullish(),
	consent: flagSchema.default(false),
	consentSource: optionalText(200),
	unsubscribed: flagSchema.default(false),
	attributes: z.record(attributeKeySchema, z.union([lineText(), z.number()])).default({})
});

export type ClientInput = z.output<typeof clientInputSchema>;

export const attributeDefinitionSchema = z.object({
	key: attributeKeySchema,
	label: lineText()
		.trim()
		.min(1, { error: () => m.schema_clients_field_label() })
		.max(100),
	type: z.enum(['string', 'number', 'date'], { error: () => m.schema_clients_field_type() })
});
