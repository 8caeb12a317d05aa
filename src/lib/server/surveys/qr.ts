import QRCode from 'qrcode';

export const qrFormats = ['svg', 'png'] as const;
export type QrFormat = (typeof qrFormats)[number];

// Medium error correction survives a smudged receipt or a worn sticker and keeps the code small.
const options = { errorCorrectionLevel: 'M', margin: 4 } as const;

/**
 * A link as a QR code, for counters and receipts: SVG, which prints sharp at any size, or PNG (10
 * pixels a module) for tools that take no SVG.
 */
export async function qrCode(link: string, format: QrFormat): Promise<Uint8Array<ArrayBuffer>> {
	return format === 'svg'
		? new TextEncoder().encode(await QRCode.toString(link, { ...options, type: 'svg' }))
		: new Uint8Array(await QRCode.toBuffer(link, { ...options, type: 'png', scale: 10 }));
}
