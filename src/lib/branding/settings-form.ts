import { z } from 'zod';
import * as m from '../paraglide/messages';
import { lineText, multilineText } from '../schemas/text';
import { contrastRatio, MIN_TEXT_CONTRAST } from './contrast';
import { imageFacts } from './logo-image';

export const MAX_NAME_LENGTH = 100;
export const MAX_FOOTER_LENGTH = 500;
export const MAX_LOGO_BYTES = 512 * 1024;
/** A logo's sides in pixels: big enough to see, small enough that no browser chokes decoding it. */
export const LOGO_SIDE = { min: 16, max: 4096 };

const tooLong = (max: number) => ({ error: () => m.branding_too_long({ max }) });
const emptyAsNull = (text: string) => text || null;

const accentColour = lineText()
	.trim()
	.transform(emptyAsNull)
	.check((ctx) => {
		const colour = ctx.value;
		if (colour === null) return;
		if (!/^#[0-9a-f]{6}$/i.test(colour)) {
			ctx.issues.push({ code: 'custom', input: colour, message: m.branding_colour_format() });
			return;
		}
		// White text on the accent (buttons, chosen answers) and the accent on white (links) are the same pair.
		const ratio = contrastRatio(colour, '#ffffff');
		if (ratio < MIN_TEXT_CONTRAST)
			ctx.issues.push({
				code: 'custom',
				input: colour,
				message: m.branding_colour_contrast({
					colour,
					// Rounded down, so a ratio just short of the minimum never reads as reaching it.
					ratio: (Math.floor(ratio * 100) / 100).toFixed(2),
					min: MIN_TEXT_CONTRAST
				})
			});
	})
	.transform((colour) => colour?.toLowerCase() ?? null);

/** The uploaded logo's bytes, when one was chosen: a PNG, JPEG or WebP of sane size, its type read from the bytes. */
const logo = z
	.instanceof(Uint8Array)
	.nullable()
	.transform((bytes, ctx) => {
		if (!bytes) return null;
		const refuse = (message: string) => {
			ctx.issues.push({ code: 'custom', input: bytes, message });
			return z.NEVER;
		};
		if (bytes.length > MAX_LOGO_BYTES)
			return refuse(
				m.branding_logo_too_large({
					kilobytes: Math.ceil(bytes.length / 1024),
					max: MAX_LOGO_BYTES / 1024
				})
			);
		const facts = imageFacts(bytes);
		if (!facts) return refuse(m.branding_logo_type());
		const sides = [facts.width, facts.height];
		if (sides.some((side) => side < LOGO_SIDE.min || side > LOGO_SIDE.max))
			return refuse(m.branding_logo_dimensions({ ...facts, ...LOGO_SIDE }));
		return { bytes, type: facts.type };
	});

/**
 * The branding form, and what the service takes: the company's name, the accent colour (`#rrggbb`
 * that keeps WCAG AA contrast with white, or empty for the default), the sender's display name,
 * a reply-to address and a footer of plain lines; optional fields empty become null. `logo` is
 * a new logo's bytes, or null to keep the current one.
 */
export const brandingSchema = z.object({
	name: lineText()
		.trim()
		.min(1, { error: () => m.branding_name_required() })
		.max(MAX_NAME_LENGTH, tooLong(MAX_NAME_LENGTH)),
	accentColour,
	senderName: lineText()
		.trim()
		.max(MAX_NAME_LENGTH, tooLong(MAX_NAME_LENGTH))
		.transform(emptyAsNull),
	replyTo: lineText()
		.trim()
		.refine((address) => address === '' || z.email().safeParse(address).success, {
			error: () => m.branding_reply_to_invalid()
		})
		.transform(emptyAsNull),
	footer: multilineText()
		// Lines as typed, whatever the browser sent between them, without trailing spaces or empty lines around.
		.transform((text) =>
			text
				.split(/\r\n?|\n/)
				.map((line) => line.trimEnd())
				.join('\n')
				.trim()
		)
		.pipe(z.string().max(MAX_FOOTER_LENGTH, tooLong(MAX_FOOTER_LENGTH)))
		.transform(emptyAsNull),
	logo
});

export type BrandingInput = z.input<typeof brandingSchema>;
export type BrandingSettings = z.output<typeof brandingSchema>;
