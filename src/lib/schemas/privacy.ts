import { z } from 'zod';

/** What erasing a client does with their survey answers. */
export const erasureAnswerChoices = ['keep-anonymously', 'delete'] as const;

export const privacySettingsFormSchema = z.object({
	answersOnErasure: z.enum(erasureAnswerChoices, {
		error: 'Choose whether an erased client’s answers are kept anonymously or deleted'
	})
});
