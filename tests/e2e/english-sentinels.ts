import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { root } from './support';

/*
 * What tells that a page in another language still speaks English somewhere: the English
 * messages of the library, looked for in the text a person reads or hears on the page.
 */

type Messages = Record<string, unknown>;
const messagesOf = (locale: string): Messages =>
	JSON.parse(readFileSync(`${root}messages/${locale}.json`, 'utf8')) as Messages;

/** A message's wordings: the text, or each variant's of a plural message. */
const wordingsOf = (message: unknown): string[] =>
	typeof message === 'string'
		? [message]
		: (message as { match: Record<string, string> }[]).flatMap((variant) =>
				Object.values(variant.match)
			);

/**
 * The English a page in `locale` must not show: every stretch of an English message between its
 * placeholders and markup that holds two words or more and twelve characters or more, unless the
 * language's wording of that message holds the same stretch (a product name, "CSV UTF-8").
 */
const sentinels = new Map<string, string[]>();
function englishSentinels(locale: string): string[] {
	if (sentinels.has(locale)) return sentinels.get(locale)!;
	const english = messagesOf('en');
	const translated = messagesOf(locale);
	const stretches = new Set<string>();
	for (const [key, message] of Object.entries(english)) {
		if (key === '$schema') continue;
		const theirs = wordingsOf(translated[key]).join('\n');
		for (const wording of wordingsOf(message))
			for (const stretch of wording.split(/\{[^}]*\}/))
				if (
					stretch.trim().length >= 12 &&
					/\S+\s+\S+/.test(stretch.trim()) &&
					!theirs.includes(stretch.trim())
				)
					stretches.add(stretch.trim());
	}
	sentinels.set(locale, [...stretches]);
	return sentinels.get(locale)!;
}

/**
 * The text a person reads or hears on the page in `language`, outside what is marked as written
 * in another (survey content, comments and reviews carry their own `lang`): visible text, the
 * title, and the labels, titles and placeholders read out by assistive technology.
 */
function interfaceText(language: string): string {
	const inLanguage = (element: Element) =>
		element.closest('[lang]')?.getAttribute('lang') === language;
	const texts = inLanguage(document.documentElement) ? [document.title] : [];
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let node = walker.nextNode(); node; node = walker.nextNode()) {
		const parent = node.parentElement!;
		if (inLanguage(parent) && !['SCRIPT', 'STYLE'].includes(parent.tagName))
			texts.push(node.textContent ?? '');
	}
	for (const element of document.body.querySelectorAll(
		'[aria-label], [title], [placeholder], [alt]'
	))
		if (inLanguage(element))
			for (const name of ['aria-label', 'title', 'placeholder', 'alt'])
				texts.push(element.getAttribute(name) ?? '');
	return texts.join('\n').replace(/\s+/g, ' ');
}

/** The English sentences of `locale`'s sentinels that the page shows or reads out in `locale`. */
export async function englishOn(page: Page, locale: string): Promise<string[]> {
	const text = await page.evaluate(interfaceText, locale);
	const sentinels = englishSentinels(locale);
	return sentinels.filter((sentence) => text.includes(sentence));
}
