import { z } from 'zod';
import { readPageAnswers, type AnswerProblem, type RawAnswers } from '../../surveys/answers';
import { shownAnswers } from '../../surveys/logic';
import { pageStep } from '../../surveys/progress';
import { answersWithClicks } from '../../respondent/one-click';
import type { Db } from '../db';
import { inTransaction } from '../db/transaction';
import { countedClicks } from './one-click';
import { findInvitation, saveDraft, submitLastPage, unavailability, versionFor } from './service';

/** The form's own fields around the answers: which page, in which language, and which button. */
const pageFormSchema = z.object({
	page: z.coerce.number().int().nonnegative().default(0),
	language: z.string().max(35).optional(),
	go: z.enum(['forward', 'back']).default('forward')
});

export type PageOutcome =
	| { kind: 'notFound' }
	| { kind: 'unavailable' }
	| { kind: 'unreadable' }
	/** `incomplete`: sent to an earlier page, as its required questions or the page itself were skipped. */
	| {
			kind: 'problems' | 'incomplete';
			page: number;
			answers: RawAnswers;
			problems: Record<string, AnswerProblem>;
	  }
	| { kind: 'saved' }
	| { kind: 'completed'; language: string };

/**
 * One page sent from a personal link: its answers checked, then saved with the others (autosave),
 * or — on the last page, once every page was passed and every required question answered — the
 * response completed, at most once. Everything happens in one transaction, reads included: what
 * the checks saw is what gets written.
 */
export async function answerPage(
	db: Db,
	token: string,
	read: (field: string) => string[],
	now = new Date()
): Promise<PageOutcome> {
	return inTransaction(db, async (tx): Promise<PageOutcome> => {
		const found = await findInvitation(tx, token);
		if (!found) return { kind: 'notFound' };
		if (unavailability(found, now)) return { kind: 'unavailable' };
		const form = pageFormSchema.safeParse({
			page: read('page')[0],
			language: read('language')[0],
			go: read('go')[0]
		});
		// Only a tampered or truncated form gets here: the fields are hidden and always sent.
		if (!form.success) return { kind: 'unreadable' };
		const { versionId, definition, draft } = await versionFor(
			tx,
			found.invitation.id,
			found.survey.id
		);
		// The survey may have lost a page or a language since the page was shown.
		const pageIndex = Math.min(form.data.page, definition.pages.length - 1);
		const language =
			form.data.language && definition.languages.includes(form.data.language)
				? form.data.language
				: definition.defaultLanguage;
		const questions = definition.pages[pageIndex]!.questions;
		const { answers, problems } = readPageAnswers(questions, read);
		// This page's answers replace what was saved for it; other pages' answers (and one-click
		// answers from the email since the last save) stay.
		const before = answersWithClicks(draft, await countedClicks(tx, found.invitation.id));
		const kept = Object.fromEntries(
			Object.entries(before).filter(([id]) => !questions.some((question) => question.id === id))
		);
		// Answers to questions the answers now hide are dropped, never kept stale.
		const merged = shownAnswers(definition, { ...kept, ...answers });
		const saved = {
			invitationId: found.invitation.id,
			surveyVersionId: versionId,
			language,
			answers: merged
		};
		const step = pageStep(
			definition,
			{ page: pageIndex, go: form.data.go, problems },
			draft?.pagesPassed ?? 0,
			merged
		);
		if (step.kind === 'complete') {
			await submitLastPage(tx, { ...saved, definition, page: pageIndex }, now);
			return { kind: 'completed', language };
		}
		await saveDraft(tx, { ...saved, page: step.page, pagesPassed: step.pagesPassed }, now);
		if (step.kind === 'move') return { kind: 'saved' };
		return { kind: step.kind, page: step.page, answers: merged, problems: step.problems };
	});
}
