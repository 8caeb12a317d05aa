import { describe, expect, it } from 'vitest';
import { formatRecoveryCode, normalizeRecoveryCode } from './recovery-code';

describe('recovery codes', () => {
	it('are shown in two groups of five', () => {
		expect(formatRecoveryCode('abcde23456')).toBe('abcde-23456');
	});

	it('are read back without case, spaces or the dash', () => {
		expect(normalizeRecoveryCode(' ABCDE-23456 ')).toBe('abcde23456');
		expect(normalizeRecoveryCode('abcde 23456')).toBe('abcde23456');
	});

	it('are told apart from authenticator codes and typos', () => {
		expect(normalizeRecoveryCode('123456')).toBeNull();
		expect(normalizeRecoveryCode('abcde-2345')).toBeNull();
		// 0, 1, 8 and 9 are not base32 letters.
		expect(normalizeRecoveryCode('abcde-23450')).toBeNull();
	});
});
