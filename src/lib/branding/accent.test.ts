import { describe, expect, it } from 'vitest';
import { accentShades, accentStylesheet } from './accent';
import { contrastRatio } from './contrast';

describe('the accent colour’s shades', () => {
	it('darkens by a quarter for hover and tints to 12 % on white for notices', () => {
		// 118 × 0.75 = 88.5 → 89 = 0x59; 118 × 0.12 + 255 × 0.88 = 238.56 → 239 = 0xef
		expect(accentShades('#767676')).toEqual({
			brand: '#767676',
			strong: '#595959',
			soft: '#efefef'
		});
		// 0x1d = 29 → 21.75 → 22 = 0x16, 29 × 0.12 + 224.4 = 227.88 → 228 = 0xe4; and so on per channel
		expect(accentShades('#1D4ED8')).toEqual({
			brand: '#1d4ed8',
			strong: '#163ba2',
			soft: '#e4eafa'
		});
	});

	it('keeps hover text on the tint readable for the palest accent allowed', () => {
		const { strong, soft } = accentShades('#767676');
		expect(contrastRatio(strong, soft)).toBeGreaterThan(4.5);
	});

	it('is a stylesheet for the .branded frame, focus ring included', () => {
		expect(accentStylesheet('#767676')).toBe(
			'.branded{--brand:#767676;--brand-strong:#595959;--brand-soft:#efefef;--focus:#767676}\n'
		);
	});
});
