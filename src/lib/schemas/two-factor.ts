import { z } from 'zod';
import { lineText } from './text';
import { twoFactorRequirements } from '../sign-in-options';
import * as m from '../paraglide/messages';

/** A code from the authenticator app or a recovery code: the service tells which. */
export const codeSchema = z.object({
	code: lineText()
		.trim()
		.min(1, { error: () => m.two_factor_enter_code() })
		.max(40, { error: () => m.validation_max_characters({ max: 40 }) })
});

export const twoFactorRequirementSchema = z.object({
	requirement: z.enum(twoFactorRequirements, { error: () => m.two_factor_choose_requirement() })
});
