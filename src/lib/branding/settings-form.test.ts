import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { brandingSchema, type BrandingInput } from './settings-form';

const input = (changes: Partial<BrandingInput> = {}): BrandingInput => ({
	name: 'Acme Airlines',
	accentColour: '#1d4ed8',
	senderName: '',
	replyTo: '',
	footer: '',
	logo: null,
	...changes
});
const problem = (changes: Partial<BrandingInput>) => {
	const parsed = brandingSchema.safeParse(input(changes));
	return parsed.success
		? null
		: parsed.error.issues.map(({ path, message }) => ({ path, message }));
};

describe('the branding form', () => {
	it('keeps what an owner typed, tidied: empty optional fields become null, lines are kept', () => {
		const parsed = brandingSchema.parse(
			input({
				name: '  Acme Airlines ',
				accentColour: '#1D4ED8',
				replyTo: ' service@acme.example ',
				footer: '\r\nAcme Airlines Ltd.  \r\n1 Runway Road\r\nDublin\r\n\r\n'
			})
		);
		expect(parsed).toEqual({
			name: 'Acme Airlines',
			accentColour: '#1d4ed8',
			senderName: null,
			replyTo: 'service@acme.example',
			footer: 'Acme Airlines Ltd.\n1 Runway Road\nDublin',
			logo: null
		});
		expect(brandingSchema.parse(input({ accentColour: '' })).accentColour).toBeNull();
	});

	it('says how to write a colour it cannot read', () => {
		expect(problem({ accentColour: 'blue' })).toEqual([
			{
				path: ['accentColour'],
				message: 'Write the colour as # and six hex digits, such as #0f5c4d.'
			}
		]);
		expect(problem({ accentColour: '#12345' })).not.toBeNull();
	});

	it('refuses an accent white text cannot be read on, naming its contrast ratio', () => {
		// #777777: 4.478:1 against white, shown rounded down.
		expect(problem({ accentColour: '#777777' })).toEqual([
			{
				path: ['accentColour'],
				message:
					'White text on #777777 has a contrast ratio of 4.47:1, and buttons and links need at least 4.5:1 to be readable. Choose a darker shade.'
			}
		]);
		expect(problem({ accentColour: '#ffcc00' })?.[0]?.message).toContain('1.5');
		expect(problem({ accentColour: '#767676' })).toBeNull();
	});

	it('wants a name of 1 to 100 characters, a real reply-to address and a footer of 500 at most', () => {
		expect(problem({ name: '   ' })).toEqual([
			{ path: ['name'], message: "Enter your company's name." }
		]);
		expect(problem({ name: 'A'.repeat(101) })?.[0]?.path).toEqual(['name']);
		expect(problem({ name: 'A'.repeat(100) })).toBeNull();
		expect(problem({ replyTo: 'service at acme' })).toEqual([
			{ path: ['replyTo'], message: 'Enter an email address such as service@example.com.' }
		]);
		expect(problem({ footer: 'x'.repeat(501) })).toEqual([
			{ path: ['footer'], message: 'Keep this to 500 characters at most.' }
		]);
		expect(problem({ name: 'Acme\u0000' })?.[0]?.path).toEqual(['name']);
	});

	it('takes a PNG logo with the type read from its bytes, and refuses a tiny one', () => {
		const png = new Uint8Array(PNG.sync.write(new PNG({ width: 64, height: 32 })));
		expect(brandingSchema.parse(input({ logo: png })).logo).toEqual({
			bytes: png,
			type: 'image/png'
		});
		const speck = new Uint8Array(PNG.sync.write(new PNG({ width: 8, height: 8 })));
		expect(problem({ logo: speck })).toEqual([
			{
				path: ['logo'],
				message: 'The logo is 8 × 8 pixels; each side must be between 16 and 4096 pixels.'
			}
		]);
	});
});
