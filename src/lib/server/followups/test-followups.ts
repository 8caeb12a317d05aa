import { and, eq } from 'drizzle-orm';
import type { RawAnswers } from '../../surveys/answers';
import { answerRows } from '../../surveys/answers';
import type { Role } from '../../roles';
import { saveClients } from '../clients/save';
import { clientInput } from '../clients/test-clients';
import type { Db } from '../db';
import { first } from '../db/queries';
import { inTransaction } from '../db/transaction';
import { answers, clients, responses, users } from '../db/schema';
import { recordResponses } from '../responses/record';
import { getSurvey } from '../surveys/service';

/** A staff user without a password (hashing is slow and these never sign in); returns the id. */
export async function addStaff(
	db: Db,
	name: string,
	role: Role = 'manager',
	deactivated = false
): Promise<string> {
	const id = `user-${name.toLowerCase()}`;
	await inTransaction(db, async (tx) => {
		await tx.insert(users).values({
			id,
			email: `${name.toLowerCase()}@staff.test`,
			name,
			role,
			createdAt: new Date(),
			deactivatedAt: deactivated ? new Date() : null
		});
	});
	return id;
}

/** A consenting client, looked after by `managerName` if given; returns the id. */
export async function addClient(db: Db, email: string, managerName?: string): Promise<number> {
	const saved = await saveClients(
		db,
		[
			clientInput({
				email,
				consent: true,
				accountManager: managerName ? `${managerName.toLowerCase()}@staff.test` : undefined
			})
		],
		{
			onExisting: 'reject',
			actor: {},
			source: 'test'
		}
	);
	if (!saved.ok) throw new Error(JSON.stringify(saved.issues));
	return (await first(db.select({ id: clients.id }).from(clients).where(eq(clients.email, email))))!
		.id;
}

type Sentiment = {
	label: 'positive' | 'neutral' | 'negative' | null;
	words?: { word: string; score: number }[];
};
type Answered = {
	clientId: number | null;
	answers: RawAnswers;
	/** English unless given. */
	language?: string;
	submittedAt?: Date;
	source?: 'survey' | 'import';
	sentiment?: Record<string, Sentiment>;
};

/**
 * Records a completed response to the survey's current version, as the respondent's page does
 * (which may open a case at once). With `sentiment`, the response is recorded quietly as an
 * import, then becomes a survey answer with exactly that tone stored: the test decides what the
 * scorer said, and calls `openCasesForResponses` itself.
 */
export async function respond(db: Db, surveyId: number, input: Answered): Promise<number> {
	const survey = (await getSurvey(db, surveyId))!;
	const source = input.sentiment ? 'import' : (input.source ?? 'survey');
	const [id] = await inTransaction(db, async (tx) =>
		recordResponses(tx, [
			{
				surveyVersionId: survey.versionId,
				definition: survey.definition,
				clientId: input.clientId,
				language: input.language ?? 'en',
				submittedAt: input.submittedAt ?? new Date(),
				source,
				answers: answerRows(survey.definition, input.answers)
			}
		])
	);
	if (!input.sentiment) return id!;
	await inTransaction(db, async (tx) => {
		await tx
			.update(responses)
			.set({ source: input.source ?? 'survey' })
			.where(eq(responses.id, id!));
		for (const [questionId, { label, words = [] }] of Object.entries(input.sentiment!)) {
			await tx
				.update(answers)
				.set({
					sentimentLabel: label,
					sentimentDetail: label ? { words, aspects: [] } : null,
					sentimentVersion: 'test'
				})
				.where(and(eq(answers.responseId, id!), eq(answers.questionId, questionId)));
		}
	});
	return id!;
}
