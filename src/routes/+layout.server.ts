import { getLocale } from '$lib/paraglide/runtime';
import type { LayoutServerLoad } from './$types';

/** The language this request's pages speak (see hooks.server.ts), for the browser to compare. */
export const load: LayoutServerLoad = () => ({ locale: getLocale() });
