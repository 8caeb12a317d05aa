import { and, asc, count, desc, eq, max } from 'drizzle-orm';
import { surveyDefinitionSchema, type SurveyDefinition } from '../../schemas/survey';
import {
	changesMeaning,
	definitionProblems,
	type DefinitionProblem
} from '../../surveys/definition';
import { surveyStatusLabel } from '../../surveys/status-labels';
import { templateById } from '../../surveys/templates';
import type { Db, Queryable } from '../db';
import { forUpdate } from '../db/dialect';
import { first } from '../db/queries';
import { inTransaction } from '../db/transaction';
import { csiModels, responses, surveys, surveyVersions } from '../db/schema';
import {
	createModel,
	currentFactorKeys,
	findModelByName,
	serializeModelName
} from '../models/service';
import * as m from '../../paraglide/messages';
import { refuse, type Refusal, type Result } from '../../result';

export type SurveyStatus = (typeof surveys.$inferSelect)['status'];

/** The lifecycle: which status each action leads to, from which statuses. */
const transitions = {
	open: { from: ['draft', 'closed'], to: 'open' },
	close: { from: ['open'], to: 'closed' },
	archive: { from: ['closed', 'draft'], to: 'archived' },
	restore: { from: ['archived'], to: 'closed' }
} as const satisfies Record<string, { from: SurveyStatus[]; to: SurveyStatus }>;

export type SurveyAction = keyof typeof transitions;

/** Why a survey cannot take an action from its status. */
const cannotMove = {
	open: m.surveys_cannot_open_refused,
	close: m.surveys_cannot_close_refused,
	archive: m.surveys_cannot_archive_refused,
	restore: m.surveys_cannot_restore_refused
} satisfies Record<SurveyAction, unknown>;

function parseStored(definition: unknown): SurveyDefinition {
	// Stored definitions were validated when saved; a failure here is a bug, not user input.
	return surveyDefinitionSchema.parse(definition);
}

export async function listSurveys(db: Queryable) {
	const rows = await db
		.select({ survey: surveys, model: csiModels.name, version: max(surveyVersions.version) })
		.from(surveys)
		.leftJoin(csiModels, eq(csiModels.id, surveys.modelId))
		.leftJoin(surveyVersions, eq(surveyVersions.surveyId, surveys.id))
		// PostgreSQL takes the model's name per survey only when grouped by the model's key too.
		.groupBy(surveys.id, csiModels.id)
		.orderBy(desc(surveys.updatedAt));
	return rows.map(({ survey, model, version }) => ({ ...survey, model, version: version ?? 1 }));
}

async function versionsOf(db: Queryable, surveyId: number) {
	return db
		.select({
			id: surveyVersions.id,
			version: surveyVersions.version,
			createdAt: surveyVersions.createdAt,
			responses: count(responses.id)
		})
		.from(surveyVersions)
		.leftJoin(responses, eq(responses.surveyVersionId, surveyVersions.id))
		.where(eq(surveyVersions.surveyId, surveyId))
		.groupBy(surveyVersions.id)
		.orderBy(desc(surveyVersions.version));
}

/** A survey with its current definition, the problems keeping it from opening, and its versions. */
export async function getSurvey(db: Queryable, id: number) {
	const row = await first(
		db
			.select({ survey: surveys, model: { id: csiModels.id, name: csiModels.name } })
			.from(surveys)
			.leftJoin(csiModels, eq(csiModels.id, surveys.modelId))
			.where(eq(surveys.id, id))
	);
	if (!row) return null;
	const versions = await versionsOf(db, id);
	const current = (await first(
		db
			.select()
			.from(surveyVersions)
			.where(and(eq(surveyVersions.surveyId, id), eq(surveyVersions.version, versions[0]!.version)))
	))!;
	const definition = parseStored(current.definition);
	const factorKeys = row.survey.modelId ? await currentFactorKeys(db, row.survey.modelId) : [];
	return {
		...row.survey,
		model: row.model?.id ? row.model : null,
		factorKeys,
		definition,
		versionId: current.id,
		version: current.version,
		versions,
		problems: definitionProblems(definition, factorKeys)
	};
}

export type SurveyView = NonNullable<Awaited<ReturnType<typeof getSurvey>>>;

/** One version of a survey with its questions, e.g. to import answers given to an earlier version. */
export async function getSurveyVersion(db: Queryable, surveyId: number, version: number) {
	const row = await first(
		db
			.select()
			.from(surveyVersions)
			.where(and(eq(surveyVersions.surveyId, surveyId), eq(surveyVersions.version, version)))
	);
	return row ? { id: row.id, version: row.version, definition: parseStored(row.definition) } : null;
}

export async function createSurvey(
	db: Db,
	input: { name: string; modelId: number | null; definition: SurveyDefinition },
	userId: string | null
): Promise<number> {
	return inTransaction(db, async (tx) => {
		const now = new Date();
		const survey = (await first(
			tx
				.insert(surveys)
				.values({
					name: input.name,
					modelId: input.modelId,
					status: 'draft',
					createdBy: userId,
					createdAt: now,
					updatedAt: now
				})
				.returning()
		))!;
		await tx.insert(surveyVersions).values({
			surveyId: survey.id,
			version: 1,
			definition: input.definition,
			createdAt: now,
			updatedAt: now
		});
		return survey.id;
	});
}

/** A new draft from a template; its CSI model is created, or reused when one has the same name. */
export async function createSurveyFromTemplate(
	db: Db,
	templateId: string,
	userId: string | null
): Promise<Result<{ id: number }>> {
	const template = templateById(templateId);
	if (!template) return refuse(404, m.surveys_template_not_found_refused());
	// Whether the model exists decides whether it is created: one transaction for both.
	return inTransaction(db, async (tx): Promise<Result<{ id: number }>> => {
		let modelId: number | null = null;
		if (template.model) {
			await serializeModelName(tx, template.model.name);
			const existing = await findModelByName(tx, template.model.name);
			if (existing) modelId = existing.id;
			else {
				const factors = template.model.factors.map((factor) => ({
					...factor,
					keywords: { any: [], ...factor.keywords }
				}));
				const created = await createModel(
					tx,
					{ ...template.model, factors, description: undefined },
					userId
				);
				if (!created.ok) return created;
				modelId = created.id;
			}
		}
		return {
			ok: true,
			id: await createSurvey(
				tx,
				{ name: template.name, modelId, definition: template.definition },
				userId
			)
		};
	});
}

/**
 * Saves an edited definition. Wording and translations change the current version in place;
 * once it has responses, a change of meaning (questions, factors, scales) makes a new version,
 * so every response keeps the questions its respondent saw.
 */
export async function saveDefinition(
	db: Db,
	surveyId: number,
	definition: SurveyDefinition
): Promise<Result<{ version: number; newVersion: boolean }>> {
	return inTransaction(
		db,
		async (tx): Promise<Result<{ version: number; newVersion: boolean }>> => {
			const survey = await first(
				forUpdate(tx.select().from(surveys).where(eq(surveys.id, surveyId)))
			);
			if (!survey) return refuse(404, m.surveys_not_found());
			if (survey.status === 'archived')
				return refuse(409, m.surveys_archived_unchangeable_refused());
			const current = (await first(
				forUpdate(
					tx
						.select()
						.from(surveyVersions)
						.where(eq(surveyVersions.surveyId, surveyId))
						.orderBy(desc(surveyVersions.version))
						.limit(1)
				)
			))!;
			const answered =
				((
					await first(
						tx
							.select({ n: count() })
							.from(responses)
							.where(eq(responses.surveyVersionId, current.id))
					)
				)?.n ?? 0) > 0;
			const now = new Date();
			await tx.update(surveys).set({ updatedAt: now }).where(eq(surveys.id, surveyId));
			if (answered && changesMeaning(parseStored(current.definition), definition)) {
				const version = current.version + 1;
				await tx
					.insert(surveyVersions)
					.values({ surveyId, version, definition, createdAt: now, updatedAt: now });
				return { ok: true as const, version, newVersion: true };
			}
			await tx
				.update(surveyVersions)
				.set({ definition, updatedAt: now })
				.where(eq(surveyVersions.id, current.id));
			return { ok: true as const, version: current.version, newVersion: false };
		}
	);
}

export async function renameSurvey(db: Db, surveyId: number, name: string): Promise<boolean> {
	return inTransaction(db, async (tx) => {
		const renamed = await tx
			.update(surveys)
			.set({ name, updatedAt: new Date() })
			.where(eq(surveys.id, surveyId))
			.returning({ id: surveys.id });
		return renamed.length > 0;
	});
}

/** Moves a survey along its lifecycle; a survey opens only when nothing is wrong with it. */
export async function changeStatus(
	db: Db,
	surveyId: number,
	action: SurveyAction
): Promise<{ ok: true; status: SurveyStatus } | (Refusal & { problems?: DefinitionProblem[] })> {
	type Changed =
		{ ok: true; status: SurveyStatus } | (Refusal & { problems?: DefinitionProblem[] });
	// The status and definition read decide the change: read them where it is written.
	return inTransaction(db, async (tx): Promise<Changed> => {
		// Locks the survey's row (PostgreSQL) before reading what decides its new status.
		await first(
			forUpdate(tx.select({ id: surveys.id }).from(surveys).where(eq(surveys.id, surveyId)))
		);
		const survey = await getSurvey(tx, surveyId);
		if (!survey) return refuse(404, m.surveys_not_found());
		const transition = transitions[action];
		if (!(transition.from as readonly SurveyStatus[]).includes(survey.status)) {
			return refuse(409, cannotMove[action]({ status: surveyStatusLabel(survey.status) }));
		}
		const errors = survey.problems.filter((problem) => problem.level === 'error');
		if (action === 'open' && errors.length) {
			return { ...refuse(400, m.surveys_fix_before_opening_refused()), problems: errors };
		}
		await tx
			.update(surveys)
			.set({ status: transition.to, updatedAt: new Date() })
			.where(eq(surveys.id, surveyId));
		return { ok: true, status: transition.to };
	});
}

export async function duplicateSurvey(
	db: Db,
	surveyId: number,
	userId: string | null
): Promise<Result<{ id: number }>> {
	return inTransaction(db, async (tx): Promise<Result<{ id: number }>> => {
		const survey = await getSurvey(tx, surveyId);
		if (!survey) return refuse(404, m.surveys_not_found());
		return {
			ok: true,
			id: await createSurvey(
				tx,
				{
					name: m.surveys_copy_name({ name: survey.name }),
					modelId: survey.model?.id ?? null,
					definition: survey.definition
				},
				userId
			)
		};
	});
}

export async function listModelChoices(db: Queryable) {
	return db
		.select({ id: csiModels.id, name: csiModels.name })
		.from(csiModels)
		.orderBy(asc(csiModels.name));
}
