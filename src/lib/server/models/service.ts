import { and, asc, desc, eq, inArray, max } from 'drizzle-orm';
import { weightShares } from '../../analytics/weights';
import { versionNoteText, type VersionNote } from '../../analytics/version-note';
import {
	storedKeywords,
	type FactorWording,
	type ModelInput,
	type ModelVersionInput
} from '../../schemas/models';
import type { Db, Queryable } from '../db';
import { forUpdate, serializeOn } from '../db/dialect';
import { first } from '../db/queries';
import { inTransaction } from '../db/transaction';
import { csiModels, factors, factorWeights, modelVersions, users } from '../db/schema';
import * as m from '../../paraglide/messages';
import { refuse, type Result } from '../../result';
import type { FactorKeywords } from '../../sentiment';

export type ModelVersionView = {
	id: number;
	version: number;
	note: string | null;
	weightSource: 'stated' | 'derived';
	author: string | null;
	createdAt: Date;
	factors: { id: number; key: string; name: string; weight: number; share: number }[];
};

export async function listModels(db: Queryable) {
	return db
		.select({
			id: csiModels.id,
			name: csiModels.name,
			description: csiModels.description,
			version: max(modelVersions.version)
		})
		.from(csiModels)
		.leftJoin(modelVersions, eq(modelVersions.modelId, csiModels.id))
		.groupBy(csiModels.id)
		.orderBy(asc(csiModels.name));
}

async function versionsOf(db: Queryable, modelId: number): Promise<ModelVersionView[]> {
	const versions = await db
		.select({ version: modelVersions, author: users.name })
		.from(modelVersions)
		.leftJoin(users, eq(users.id, modelVersions.authorId))
		.where(eq(modelVersions.modelId, modelId))
		.orderBy(desc(modelVersions.version));
	const weights = versions.length
		? await db
				.select({
					versionId: factorWeights.versionId,
					id: factors.id,
					key: factors.key,
					name: factors.name,
					weight: factorWeights.weight
				})
				.from(factorWeights)
				.innerJoin(factors, eq(factors.id, factorWeights.factorId))
				.where(
					inArray(
						factorWeights.versionId,
						versions.map((v) => v.version.id)
					)
				)
				.orderBy(asc(factors.id))
		: [];
	return versions.map(({ version, author }) => ({
		id: version.id,
		version: version.version,
		note: versionNoteText(version),
		weightSource: version.weightSource,
		author,
		createdAt: version.createdAt,
		factors: weightShares(weights.filter((w) => w.versionId === version.id)).map(
			({ versionId: _v, ...factor }) => factor
		)
	}));
}

/** A model with its factors' wording and every weight version, newest first. */
export async function getModel(db: Queryable, id: number) {
	const model = await first(db.select().from(csiModels).where(eq(csiModels.id, id)));
	if (!model) return null;
	const allFactors = await db
		.select()
		.from(factors)
		.where(eq(factors.modelId, id))
		.orderBy(asc(factors.id));
	const versions = await versionsOf(db, id);
	return { ...model, factors: allFactors, versions, current: versions[0]! };
}

export type ModelView = NonNullable<Awaited<ReturnType<typeof getModel>>>;

/** For a transaction about to look a model up by name and create it if missing (PostgreSQL: no row to lock yet). */
export const serializeModelName = (tx: Queryable, name: string) =>
	serializeOn(tx, `csi_models:${name}`);

export async function findModelByName(db: Queryable, name: string) {
	return (await first(db.select().from(csiModels).where(eq(csiModels.name, name)))) ?? null;
}

export async function createModel(
	db: Db,
	input: ModelInput,
	authorId: string | null
): Promise<Result<{ id: number }>> {
	return inTransaction(db, async (tx): Promise<Result<{ id: number }>> => {
		await serializeModelName(tx, input.name);
		if (await findModelByName(tx, input.name))
			return refuse(409, m.models_name_taken_refused({ name: input.name }));
		const now = new Date();
		const model = (await first(
			tx
				.insert(csiModels)
				.values({ name: input.name, description: input.description ?? null, createdAt: now })
				.returning()
		))!;
		const version = (await first(
			tx
				.insert(modelVersions)
				.values({
					modelId: model.id,
					version: 1,
					noteCode: 'firstVersion',
					weightSource: 'stated',
					authorId,
					createdAt: now
				})
				.returning()
		))!;
		for (const factor of input.factors) {
			const row = (await first(
				tx
					.insert(factors)
					.values({
						modelId: model.id,
						key: factor.key,
						name: factor.name,
						description: factor.description ?? null,
						...storedKeywords(factor.keywords),
						createdAt: now
					})
					.returning()
			))!;
			await tx
				.insert(factorWeights)
				.values({ versionId: version.id, factorId: row.id, weight: factor.weight });
		}
		return { ok: true as const, id: model.id };
	});
}

/** New weights as a new version; earlier versions stay exactly as they were. */
export async function createModelVersion(
	db: Db,
	modelId: number,
	input: ModelVersionInput & { weightSource?: 'stated' | 'derived'; codedNote?: VersionNote },
	authorId: string | null
): Promise<Result<{ version: number }>> {
	return inTransaction(db, async (tx): Promise<Result<{ version: number }>> => {
		const model = await first(
			forUpdate(tx.select().from(csiModels).where(eq(csiModels.id, modelId)))
		);
		if (!model) return refuse(404, m.factors_model_not_found());
		const existing = new Map(
			(await tx.select().from(factors).where(eq(factors.modelId, modelId))).map((f) => [f.key, f])
		);
		const unnamed = input.factors.find((factor) => !existing.has(factor.key) && !factor.name);
		if (unnamed) return refuse(400, m.models_factor_unnamed_refused({ key: unnamed.key }));
		const latest =
			(
				await first(
					tx
						.select({ version: max(modelVersions.version) })
						.from(modelVersions)
						.where(eq(modelVersions.modelId, modelId))
				)
			)?.version ?? 0;
		const now = new Date();
		const version = (await first(
			tx
				.insert(modelVersions)
				.values({
					modelId,
					version: latest + 1,
					noteCode: input.codedNote?.code ?? null,
					noteParams: input.codedNote?.params ?? null,
					note: input.note ?? null,
					weightSource: input.weightSource ?? 'stated',
					authorId,
					createdAt: now
				})
				.returning()
		))!;
		for (const factor of input.factors) {
			const factorId =
				existing.get(factor.key)?.id ??
				(await first(
					tx
						.insert(factors)
						.values({
							modelId,
							key: factor.key,
							name: factor.name!,
							description: factor.description ?? null,
							...storedKeywords(factor.keywords),
							createdAt: now
						})
						.returning()
				))!.id;
			await tx
				.insert(factorWeights)
				.values({ versionId: version.id, factorId, weight: factor.weight });
		}
		return { ok: true as const, version: version.version };
	});
}

/** Wording is not meaning: names, descriptions and keywords change in place, in every version. */
export async function updateFactorWording(
	db: Db,
	modelId: number,
	key: string,
	wording: FactorWording
): Promise<boolean> {
	return inTransaction(db, async (tx) => {
		const updated = await tx
			.update(factors)
			.set({
				name: wording.name,
				description: wording.description ?? null,
				...storedKeywords(wording.keywords)
			})
			.where(and(eq(factors.modelId, modelId), eq(factors.key, key)))
			.returning({ id: factors.id });
		return updated.length > 0;
	});
}

/** The keywords of the factors in a model's current version, for aspect sentiment; null for no such model. */
export async function modelKeywords(
	db: Queryable,
	modelId: number
): Promise<FactorKeywords | null> {
	const model = await getModel(db, modelId);
	if (!model) return null;
	const current = new Set(model.current.factors.map(({ key }) => key));
	return model.factors
		.filter(({ key }) => current.has(key))
		.map(({ key, keywords, keywordsByLanguage }) => ({
			key,
			keywords,
			byLanguage: keywordsByLanguage
		}));
}

/** Factor keys of the model's current version: what survey questions may refer to. */
export async function currentFactorKeys(db: Queryable, modelId: number): Promise<string[]> {
	return (await getModel(db, modelId))?.current.factors.map((factor) => factor.key) ?? [];
}
