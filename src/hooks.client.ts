import { overwriteGetLocale } from '$lib/paraglide/runtime';
import { localeOf } from '$lib/i18n/locale';

// The server renders each page in the user's language and says which in <html lang>: the browser
// keeps speaking it when it takes over.
overwriteGetLocale(() => localeOf(document.documentElement.lang));
