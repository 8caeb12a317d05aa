import { AsyncLocalStorage } from 'node:async_hooks';
import { overwriteServerAsyncLocalStorage, type Locale } from '../../paraglide/runtime';

type LocaleStore = { locale?: Locale };

// Paraglide's getLocale() reads the store first: every message called while `work` runs, however
// deep and across awaits, speaks the locale given here, and concurrent requests do not mix.
const storage = new AsyncLocalStorage<LocaleStore>();
overwriteServerAsyncLocalStorage(storage);

/** Runs `work` with `locale` as the language of every message it calls without naming one. */
export const inLocale = <T>(locale: Locale, work: () => T): T => storage.run({ locale }, work);
