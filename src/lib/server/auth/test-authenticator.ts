import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { TOTP_DIGITS, totpStepAt } from '../../two-factor/totp';

/**
 * What an authenticator app shows at `when` for the secret the enrolment page gives as text: the
 * tests' phone, computed as RFC 6238 says rather than by the code under test.
 */
export const appCode = (secret: string, when: Date) =>
	generateHOTP(decodeBase32IgnorePadding(secret), BigInt(totpStepAt(when)), TOTP_DIGITS);
