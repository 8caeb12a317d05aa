import { describe, expect, it } from 'vitest';
import { contrastRatio, hexChannels, relativeLuminance } from './contrast';

describe('contrast against white', () => {
	it('is 21:1 for black, the most there is, and 1:1 for white itself', () => {
		expect(contrastRatio('#000000', '#ffffff')).toBe(21);
		expect(contrastRatio('#ffffff', '#FFFFFF')).toBe(1);
	});

	it('weighs the primaries by how bright the eye sees them', () => {
		// Luminance is the channel's weight: (1 + 0.05) / (weight + 0.05).
		expect(relativeLuminance('#ff0000')).toBeCloseTo(0.2126, 10);
		expect(contrastRatio('#ff0000', '#ffffff')).toBeCloseTo(1.05 / 0.2626, 10); // 3.998
		expect(contrastRatio('#0000ff', '#ffffff')).toBeCloseTo(1.05 / 0.1222, 10); // 8.592
		expect(contrastRatio('#00ff00', '#ffffff')).toBeCloseTo(1.05 / 0.7652, 10); // 1.372
	});

	it('puts the boundary of 4.5:1 between the greys #767676 and #777777', () => {
		// 118/255 = 0.462745 → ((0.462745 + 0.055) / 1.055)^2.4 = 0.181164 → 1.05 / 0.231164 = 4.5422
		expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.5422, 3);
		// 119/255 = 0.466667 → ((0.466667 + 0.055) / 1.055)^2.4 = 0.184474 → 1.05 / 0.234474 = 4.4781
		expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.4781, 3);
	});

	it('uses the straight line below the curve for the darkest channel values', () => {
		// 10/255 = 0.039216 is just under WCAG's 0.03928: 0.039216 / 12.92 = 0.0030353
		expect(relativeLuminance('#0a0a0a')).toBeCloseTo(0.0030353, 7);
		// 2/255 / 12.92 = 0.00060707, weighted by blue's 0.0722
		expect(relativeLuminance('#000002')).toBeCloseTo(0.0722 * 0.00060707, 8);
	});

	it('reads #rrggbb in either case and refuses anything else', () => {
		expect(hexChannels('#0F5c4D')).toEqual([15, 92, 77]);
		expect(() => hexChannels('#fff')).toThrow(/#rrggbb/);
		expect(() => hexChannels('red')).toThrow(/#rrggbb/);
	});
});
