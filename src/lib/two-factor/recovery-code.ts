/**
 * Recovery codes are ten base32 characters (50 bits), shown as two groups of five so they can be
 * written down; what a user types back is read without case, spaces or the dash.
 */
export const RECOVERY_CODE_COUNT = 10;

export const formatRecoveryCode = (code: string) => `${code.slice(0, 5)}-${code.slice(5)}`;

/** The code as stored (hashed) from what was typed, or null when it cannot be a recovery code. */
export function normalizeRecoveryCode(typed: string): string | null {
	const code = typed.toLowerCase().replace(/[\s-]/g, '');
	return /^[a-z2-7]{10}$/.test(code) ? code : null;
}
