/**
 * Image headers written byte by byte, for tests: what a JPEG or an extended WebP holds before its
 * pixels, which is all a logo's check reads. (No JPEG or WebP encoder is among the dependencies.)
 */

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/** SOI, a JFIF APP0 segment, a baseline SOF0 of `width` × `height` with three components, EOI. */
export function jpegHeader(width: number, height: number): Uint8Array<ArrayBuffer> {
	const app0 = [0xff, 0xe0, 0x00, 0x10, ...ascii('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
	const sof0 = [0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3];
	const components = [1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
	return new Uint8Array([0xff, 0xd8, ...app0, ...sof0, ...components, 0xff, 0xd9]);
}

/** A RIFF WebP whose first chunk is VP8X: canvas width − 1 and height − 1 in 24 bits each. */
export function webpExtendedHeader(width: number, height: number): Uint8Array<ArrayBuffer> {
	const bits24 = (value: number) => [value & 0xff, (value >> 8) & 0xff, value >> 16];
	return new Uint8Array([
		...ascii('RIFF'),
		22,
		0,
		0,
		0,
		...ascii('WEBPVP8X'),
		10,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		...bits24(width - 1),
		...bits24(height - 1)
	]);
}
