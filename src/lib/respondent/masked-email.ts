const HIDDEN = '•••';

/**
 * An email address as the respondent's pages (unsubscribe, profile) show it: the first letter of
 * the name and of the domain, and the top-level domain — `lena.leave@example.com` →
 * `l•••@e•••.com`. Enough for the client to tell which of their addresses gets the invitations,
 * too little for whoever a forwarded link reaches to write to them or learn their name or
 * employer. The same number of dots stands for any length, so the length is not told either.
 */
export function maskedEmail(email: string): string {
	const at = email.lastIndexOf('@');
	const local = email.slice(0, at);
	const domain = email.slice(at + 1);
	const dot = domain.lastIndexOf('.');
	const topLevel = dot > 0 ? domain.slice(dot) : '';
	// By code point, so an address beginning with an accented or non-Latin letter keeps it whole.
	const initial = (part: string) => [...part][0] ?? '';
	return `${initial(local)}${HIDDEN}@${initial(domain)}${HIDDEN}${topLevel}`;
}
