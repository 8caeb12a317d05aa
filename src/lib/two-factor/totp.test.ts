import { describe, expect, it } from 'vitest';
import { acceptedTotpStep, totpStepAt } from './totp';

// RFC 6238, appendix B: the SHA-1 secret and its codes (the last six of the eight digits).
const key = new TextEncoder().encode('12345678901234567890');
const at = (seconds: number) => new Date(seconds * 1000);

describe('TOTP codes', () => {
	it('accepts the RFC 6238 test vectors at their moments', () => {
		expect(acceptedTotpStep(key, '287082', at(59), null)).toBe(1);
		expect(acceptedTotpStep(key, '081804', at(1111111109), null)).toBe(37037036);
		expect(acceptedTotpStep(key, '050471', at(1111111111), null)).toBe(37037037);
		expect(acceptedTotpStep(key, '005924', at(1234567890), null)).toBe(41152263);
	});

	it('allows one step of clock drift either way, and no more', () => {
		// 081804 belongs to step 37037036 (seconds 1111111080–1111111109).
		expect(acceptedTotpStep(key, '081804', at(1111111110), null)).toBe(37037036);
		expect(acceptedTotpStep(key, '081804', at(1111111079), null)).toBe(37037036);
		expect(acceptedTotpStep(key, '081804', at(1111111140), null)).toBeNull();
		expect(acceptedTotpStep(key, '081804', at(1111111049), null)).toBeNull();
	});

	it('refuses a code of a step already used, or of an earlier one', () => {
		expect(acceptedTotpStep(key, '081804', at(1111111109), 37037036)).toBeNull();
		expect(acceptedTotpStep(key, '081804', at(1111111110), 37037037)).toBeNull();
		expect(acceptedTotpStep(key, '050471', at(1111111111), 37037036)).toBe(37037037);
	});

	it('refuses a wrong code and one of another shape', () => {
		expect(acceptedTotpStep(key, '287083', at(59), null)).toBeNull();
		expect(acceptedTotpStep(key, '28708', at(59), null)).toBeNull();
		expect(acceptedTotpStep(key, '', at(59), null)).toBeNull();
	});

	it('counts steps of thirty seconds from the epoch', () => {
		expect(totpStepAt(at(29.999))).toBe(0);
		expect(totpStepAt(at(30))).toBe(1);
	});
});
