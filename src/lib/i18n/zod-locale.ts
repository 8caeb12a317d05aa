import { z } from 'zod';
import { de, en, fi, nl, ro } from 'zod/locales';
import { getLocale, type Locale } from '../paraglide/runtime';

/** Zod's own wording (what a schema leaves unworded, e.g. "Invalid input: expected string") per locale. */
const zodWording: Record<Locale, z.core.$ZodErrorMap> = {
	en: en().localeError,
	de: de().localeError,
	nl: nl().localeError,
	fi: fi().localeError,
	ro: ro().localeError
};

// Zod keeps one configuration per process, so the locale is looked up when an issue is worded,
// not when this runs. A schema's own message still wins: zod asks the locale only for the rest.
z.config({ localeError: (issue) => zodWording[getLocale()](issue) });
