import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { openTestDatabase } from '../db/test-database';
import {
	createModel,
	createModelVersion,
	currentFactorKeys,
	getModel,
	listModels,
	updateFactorWording
} from './service';

let db: Db;
let remove: () => Promise<void>;
beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
});
afterEach(() => remove());

const airline = {
	name: 'Airline service',
	factors: [
		{ key: 'punctuality', name: 'Punctual departure', weight: 3, keywords: ['delay', 'late'] },
		{ key: 'safety', name: 'Safety', weight: 2, keywords: [] },
		{ key: 'snacks', name: 'In-flight snacks', weight: 1, keywords: [] }
	]
};

describe('CSI models', () => {
	it('start at version 1 with each weight shown as its share', async () => {
		const created = await createModel(db, airline, null);
		if (!created.ok) throw new Error(created.message);
		const model = (await getModel(db, created.id))!;
		expect(model.current.version).toBe(1);
		expect(model.current.factors.map((f) => [f.key, f.weight, Number(f.share.toFixed(3))])).toEqual(
			[
				['punctuality', 3, 0.5],
				['safety', 2, 0.333],
				['snacks', 1, 0.167]
			]
		);
		expect(await createModel(db, airline, null)).toMatchObject({ ok: false, status: 409 });
	});

	it('keep every earlier version readable when weights change', async () => {
		const created = await createModel(db, airline, null);
		if (!created.ok) throw new Error(created.message);
		const changed = await createModelVersion(
			db,
			created.id,
			{
				note: 'Snacks matter less than we thought',
				factors: [
					{ key: 'punctuality', weight: 4, keywords: [] },
					{ key: 'safety', weight: 4, keywords: [] },
					{ key: 'customs', name: 'Fast customs clearance', weight: 2, keywords: [] }
				]
			},
			null
		);
		expect(changed).toEqual({ ok: true, version: 2 });
		const model = (await getModel(db, created.id))!;
		expect(model.versions.map((v) => v.version)).toEqual([2, 1]);
		expect(model.current.factors.map((f) => [f.key, f.share])).toEqual([
			['punctuality', 0.4],
			['safety', 0.4],
			['customs', 0.2]
		]);
		expect(model.versions[1]!.factors.map((f) => [f.key, f.weight])).toEqual([
			['punctuality', 3],
			['safety', 2],
			['snacks', 1]
		]);
		expect(model.current.note).toBe('Snacks matter less than we thought');
		expect(await currentFactorKeys(db, created.id)).toEqual(['punctuality', 'safety', 'customs']);
		expect(await listModels(db)).toEqual([
			expect.objectContaining({ name: 'Airline service', version: 2 })
		]);
	});

	it('need a name for a factor added in a new version', async () => {
		const created = await createModel(db, airline, null);
		if (!created.ok) throw new Error(created.message);
		expect(
			await createModelVersion(
				db,
				created.id,
				{ factors: [{ key: 'wifi', weight: 1, keywords: [] }] },
				null
			)
		).toMatchObject({
			ok: false,
			message: 'The new factor “wifi” needs a name.'
		});
		expect((await getModel(db, created.id))!.versions).toHaveLength(1);
	});

	it('change a factor’s wording in place, in every version', async () => {
		const created = await createModel(db, airline, null);
		if (!created.ok) throw new Error(created.message);
		await createModelVersion(
			db,
			created.id,
			{ factors: [{ key: 'snacks', weight: 1, keywords: [] }] },
			null
		);
		expect(
			await updateFactorWording(db, created.id, 'snacks', {
				name: 'Food and drinks',
				keywords: ['meal']
			})
		).toBe(true);
		const model = (await getModel(db, created.id))!;
		expect(model.versions.map((v) => v.factors.find((f) => f.key === 'snacks')?.name)).toEqual([
			'Food and drinks',
			'Food and drinks'
		]);
	});
});
