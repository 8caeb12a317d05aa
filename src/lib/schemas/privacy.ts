import { z } from 'zod';
import * as m from '../paraglide/messages';

/** What erasing a client does with their survey answers. */
export const erasureAnswerChoices = ['keep-anonymously', 'delete'] as const;

export const privacySettingsFormSchema = z.object({
	answersOnErasure: z.enum(erasureAnswerChoices, {
		error: () => m.schema_privacy_choose_answers()
	})
});
