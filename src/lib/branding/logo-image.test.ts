import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { imageFacts } from './logo-image';
import { jpegHeader, webpExtendedHeader } from './test-images';

const bytes = (...parts: (number[] | string)[]) =>
	new Uint8Array(
		parts.flatMap((part) =>
			typeof part === 'string' ? [...part].map((char) => char.charCodeAt(0)) : part
		)
	);

describe('what an uploaded logo really is', () => {
	it('reads a PNG’s size from its header', () => {
		const png = new PNG({ width: 120, height: 40 });
		expect(imageFacts(new Uint8Array(PNG.sync.write(png)))).toEqual({
			type: 'image/png',
			width: 120,
			height: 40
		});
	});

	it('finds a JPEG’s size in its start-of-frame segment, after the segments before it', () => {
		expect(imageFacts(jpegHeader(200, 60))).toEqual({
			type: 'image/jpeg',
			width: 200,
			height: 60
		});
	});

	it('reads the size of each kind of WebP', () => {
		expect(imageFacts(webpExtendedHeader(300, 100))).toEqual({
			type: 'image/webp',
			width: 300,
			height: 100
		});
		// Lossy: after the frame tag and the start code 9d 01 2a, 14-bit width and height (160 × 48).
		const lossy = bytes(
			'RIFF',
			[0, 0, 0, 0],
			'WEBPVP8 ',
			[0, 0, 0, 0],
			[0, 0, 0],
			[0x9d, 0x01, 0x2a],
			[160, 0, 48, 0],
			[0, 0]
		);
		expect(imageFacts(lossy)).toEqual({ type: 'image/webp', width: 160, height: 48 });
		// Lossless: 0x2f, then width − 1 = 99 and height − 1 = 19 in 14 bits each:
		// 99 | 19 << 14 = 311395 = 0x0004c063, least significant byte first.
		const lossless = bytes(
			'RIFF',
			[0, 0, 0, 0],
			'WEBPVP8L',
			[0, 0, 0, 0],
			[0x2f, 0x63, 0xc0, 0x04, 0x00],
			[0, 0, 0, 0, 0]
		);
		expect(imageFacts(lossless)).toEqual({ type: 'image/webp', width: 100, height: 20 });
	});

	it('does not take an SVG, a GIF or a script for an image, whatever the file is called', () => {
		const svg = bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
		expect(imageFacts(svg)).toBeNull();
		expect(imageFacts(bytes('GIF89a', [120, 0, 40, 0], new Array(30).fill(0)))).toBeNull();
		expect(
			imageFacts(bytes('<html><body>not a PNG at all, whatever its name</body></html>'))
		).toBeNull();
	});

	it('refuses a file that only starts like an image', () => {
		const png = new Uint8Array(PNG.sync.write(new PNG({ width: 20, height: 20 })));
		expect(imageFacts(png.slice(0, 12))).toBeNull();
		// A JPEG whose image data starts before any frame says how big it is.
		expect(imageFacts(bytes([0xff, 0xd8, 0xff, 0xda, 0, 8], new Array(30).fill(0)))).toBeNull();
	});
});
