import { verifyHOTP } from '@oslojs/otp';

/** What every authenticator app assumes (RFC 6238's defaults), so nothing needs configuring. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;

/** The RFC 6238 time step of a moment. */
export const totpStepAt = (now: Date) => Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);

/**
 * The time step whose code `code` is, or null when it is none of the accepted ones: the current
 * step, or the one before or after, as a phone's clock may drift by a step. A step not after
 * `lastUsedStep` is refused, so a code (or an older one seen over a shoulder) works once.
 */
export function acceptedTotpStep(
	key: Uint8Array,
	code: string,
	now: Date,
	lastUsedStep: number | null
): number | null {
	const current = totpStepAt(now);
	for (const step of [current - 1, current, current + 1]) {
		if (lastUsedStep !== null && step <= lastUsedStep) continue;
		if (verifyHOTP(key, BigInt(step), TOTP_DIGITS, code)) return step;
	}
	return null;
}
