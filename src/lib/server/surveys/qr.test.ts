import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { qrCode } from './qr';

const link = 'https://satisfy.example/p/4f9c2d7e-6a1b-4c3d-9e8f-0a1b2c3d4e5f';

/** What a phone's camera reads: the PNG decoded to pixels, then the QR code found in them. */
function scan(png: Uint8Array): string | null {
	const image = PNG.sync.read(Buffer.from(png));
	return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

describe('a public link’s QR code', () => {
	it('scans as the link, as PNG', async () => {
		const png = await qrCode(link, 'png');
		expect(scan(png)).toBe(link);
		const image = PNG.sync.read(Buffer.from(png));
		// 10 pixels a module, and a quiet zone of 4 modules on each side.
		expect(image.width % 10).toBe(0);
		expect(image.width).toBe(image.height);
	});

	it('is the same code as SVG, which prints sharp at any size', async () => {
		const svg = new TextDecoder().decode(await qrCode(link, 'svg'));
		const png = PNG.sync.read(Buffer.from(await qrCode(link, 'png')));
		expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
		// The same modules in both: the SVG's view box counts modules, the PNG 10 pixels each.
		expect(svg).toContain(`viewBox="0 0 ${png.width / 10} ${png.width / 10}"`);
	});

	it('differs for another link', async () => {
		expect(scan(await qrCode(`${link}x`, 'png'))).toBe(`${link}x`);
	});
});
