/** Where a sign-in ends when no (acceptable) target was asked for. */
export const AFTER_SIGN_IN = '/dashboard';

/**
 * The page to open after sign-in: `target` when it stays on `origin`, else the dashboard, so a
 * crafted link cannot send someone off-site. `target` is parsed the way a browser reads a
 * Location header (tabs and newlines dropped, `\` taken for `/`), and the answer is rebuilt from
 * the parsed path: a path starting with `//` would name another host again, so it is refused.
 */
export function redirectTarget(target: string | null, origin: string): string {
	if (!target) return AFTER_SIGN_IN;
	let url: URL;
	try {
		url = new URL(target, origin);
	} catch {
		return AFTER_SIGN_IN;
	}
	if (url.origin !== origin || url.pathname.startsWith('//')) return AFTER_SIGN_IN;
	return url.pathname + url.search + url.hash;
}
