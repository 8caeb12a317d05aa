import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { jpegHeader } from '../../branding/test-images';
import type { BrandingInput } from '../../branding/settings-form';
import { recentAudit } from '../audit';
import type { Db } from '../db';
import { openTestDatabase } from '../db/test-database';
import { brandingLogo, currentBranding, DEFAULT_BRANDING } from './read';
import { removeLogo, saveBranding } from './service';

let db: Db;
let remove: () => Promise<void>;

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
});
afterEach(() => remove());

const acme: BrandingInput = {
	name: 'Acme Airlines',
	accentColour: '#1D4ED8',
	senderName: '',
	replyTo: 'service@acme.example',
	footer: 'Acme Airlines Ltd.\r\n1 Runway Road\r\nDublin',
	logo: null
};
const png = (width: number, height: number) =>
	new Uint8Array(PNG.sync.write(new PNG({ width, height })));

describe('the company’s branding', () => {
	it('speaks as Satisfy until an owner saves one', async () => {
		expect(await currentBranding(db)).toEqual(DEFAULT_BRANDING);
		expect(await brandingLogo(db)).toBeNull();
	});

	it('is saved, read back for pages and emails, and audited', async () => {
		expect(await saveBranding(db, { ...acme, logo: png(120, 40) }, {})).toEqual({ ok: true });
		const saved = await currentBranding(db);
		expect(saved).toEqual({
			name: 'Acme Airlines',
			accentColour: '#1d4ed8',
			logoVersion: expect.any(Number),
			// No sender name of its own: invitations come from the company's name.
			senderName: 'Acme Airlines',
			replyTo: 'service@acme.example',
			footer: 'Acme Airlines Ltd.\n1 Runway Road\nDublin'
		});
		const logo = await brandingLogo(db);
		expect(logo).toMatchObject({ type: 'image/png', version: saved.logoVersion });
		expect(Buffer.from(logo!.bytes)).toEqual(Buffer.from(png(120, 40)));
		expect((await recentAudit(db, 1))[0]).toMatchObject({
			action: 'branding.save',
			subject: 'branding'
		});
	});

	it('keeps the logo when a later save brings none, takes a JPEG in its place, and drops it on request', async () => {
		await saveBranding(db, { ...acme, logo: png(120, 40) }, {});
		await saveBranding(db, { ...acme, senderName: 'Acme Customer Care', accentColour: '' }, {});
		expect(await currentBranding(db)).toMatchObject({
			senderName: 'Acme Customer Care',
			accentColour: null
		});
		expect((await brandingLogo(db))?.type).toBe('image/png');

		expect(await saveBranding(db, { ...acme, logo: jpegHeader(300, 90) }, {})).toEqual({
			ok: true
		});
		expect((await brandingLogo(db))?.type).toBe('image/jpeg');

		await removeLogo(db, {});
		expect(await brandingLogo(db)).toBeNull();
		expect(await currentBranding(db)).toMatchObject({ name: 'Acme Airlines', logoVersion: null });
	});

	// Pages and emails link the logo by version, cached for a year: only a new logo may change it.
	it('keeps the logo’s version when other settings change, and gives a new logo a new one', async () => {
		await saveBranding(db, { ...acme, logo: png(120, 40) }, {});
		const first = (await currentBranding(db)).logoVersion;
		await new Promise((resolve) => setTimeout(resolve, 5));
		await saveBranding(db, { ...acme, footer: 'Acme Airlines Ltd.' }, {});
		expect((await currentBranding(db)).logoVersion).toBe(first);
		expect((await brandingLogo(db))?.version).toBe(first);
		await new Promise((resolve) => setTimeout(resolve, 5));
		await saveBranding(db, { ...acme, logo: png(60, 20) }, {});
		const second = (await currentBranding(db)).logoVersion;
		expect(second).toBeGreaterThan(first!);
		expect((await brandingLogo(db))?.version).toBe(second);
	});

	it('refuses a colour white text is hard to read on, saying the ratio, and saves nothing', async () => {
		// 204/255 = 0.8 → ((0.8 + 0.055) / 1.055)^2.4 = 0.603827; L = 0.2126 + 0.7152 × 0.603827 = 0.644457;
		// 1.05 / (0.644457 + 0.05) = 1.512
		expect(await saveBranding(db, { ...acme, accentColour: '#ffcc00' }, {})).toEqual({
			ok: false,
			status: 400,
			field: 'accentColour',
			message:
				'White text on #ffcc00 has a contrast ratio of 1.51:1, and buttons and links need at least 4.5:1 to be readable. Choose a darker shade.'
		});
		expect(await saveBranding(db, { ...acme, accentColour: 'navy' }, {})).toMatchObject({
			ok: false,
			field: 'accentColour',
			message: 'Write the colour as # and six hex digits, such as #0f5c4d.'
		});
		expect(await currentBranding(db)).toEqual(DEFAULT_BRANDING);
	});

	it('refuses an SVG logo, whatever it is called, and one over 512 KB with 413', async () => {
		const svg = new TextEncoder().encode(
			'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="100" height="40"/></svg>'
		);
		expect(await saveBranding(db, { ...acme, logo: svg }, {})).toEqual({
			ok: false,
			status: 400,
			field: 'logo',
			message:
				'The logo must be a PNG, JPEG or WebP image. SVG is not accepted, as it can carry scripts.'
		});
		const oversized = new Uint8Array(513 * 1024);
		oversized.set(png(120, 40));
		expect(await saveBranding(db, { ...acme, logo: oversized }, {})).toEqual({
			ok: false,
			status: 413,
			field: 'logo',
			message: 'The logo is 513 KB; it may be 512 KB at most.'
		});
		expect(await saveBranding(db, { ...acme, logo: png(5000, 40) }, {})).toMatchObject({
			ok: false,
			field: 'logo',
			message: 'The logo is 5000 × 40 pixels; each side must be between 16 and 4096 pixels.'
		});
		expect(await brandingLogo(db)).toBeNull();
	});

	it('refuses a reply-to that is not an address and a name that is too long', async () => {
		expect(await saveBranding(db, { ...acme, replyTo: 'acme' }, {})).toMatchObject({
			ok: false,
			field: 'replyTo'
		});
		expect(await saveBranding(db, { ...acme, name: 'A'.repeat(101) }, {})).toMatchObject({
			ok: false,
			field: 'name',
			message: 'Keep this to 100 characters at most.'
		});
	});
});
