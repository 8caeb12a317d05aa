import { baseLocale, type Locale } from '../../paraglide/runtime';
import { inLocale } from '../i18n/in-locale';

/** A staff email as rendered, with the language it is written in. */
export type StaffEmail = { subject: string; text: string; html: string; language: Locale };

/**
 * Renders a staff email in its recipient's language (`users.language`): every message and
 * formatted value in it speaks that language, which the email then carries (the outbox page marks
 * it). English for one who chose none: an email has no browser to ask.
 */
export function inStaffLanguage(
	language: Locale | null,
	render: () => Omit<StaffEmail, 'language'>
): StaffEmail {
	const locale = language ?? baseLocale;
	return { ...inLocale(locale, render), language: locale };
}
