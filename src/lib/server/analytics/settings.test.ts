import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recentAudit } from '../audit';
import type { Db } from '../db';
import { openTestDatabase } from '../db/test-database';
import { parseForm } from '../forms';
import { createModel } from '../models/service';
import {
	countsOneClickPartials,
	dashboardSettingsOf,
	dashboardSettingsSchema,
	oneClickPartialsSchema,
	saveDashboardSettings,
	saveOneClickPartials
} from './settings';

let db: Db;
let remove: () => Promise<void>;
let modelId = 0;

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	const created = await createModel(
		db,
		{ name: 'Airline', factors: [{ key: 'safety', name: 'Safety', weight: 1, keywords: [] }] },
		null
	);
	if (!created.ok) throw new Error(created.message);
	modelId = created.id;
});

afterEach(() => remove());

const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [key, value] of Object.entries(fields)) data.set(key, value);
	return parseForm(dashboardSettingsSchema, data);
};

describe('the owner’s target and reference lines', () => {
	it('shows no lines until the owner sets them', async () => {
		expect(await dashboardSettingsOf(db, modelId)).toEqual({
			target: null,
			referenceValue: null,
			referenceLabel: null
		});
	});

	it('stores a target and a labelled reference per model, and records who changed them', async () => {
		const parsed = form({
			target: '80',
			referenceValue: '77',
			referenceLabel: ' ACSI airlines 2024 '
		});
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		expect(await saveDashboardSettings(db, modelId, parsed.data, { userId: null })).toEqual({
			ok: true
		});
		expect(await dashboardSettingsOf(db, modelId)).toEqual({
			target: 80,
			referenceValue: 77,
			referenceLabel: 'ACSI airlines 2024'
		});
		expect((await recentAudit(db, 1))[0]).toMatchObject({
			action: 'dashboard.settings',
			subject: `model:${modelId}`
		});
	});

	it('clears a line when its field is left empty, rather than drawing it at 0', async () => {
		await saveDashboardSettings(
			db,
			modelId,
			{ target: 80, referenceValue: 77, referenceLabel: 'ACSI' },
			{ userId: null }
		);
		const parsed = form({ target: '', referenceValue: '', referenceLabel: '' });
		if (!parsed.ok) throw new Error('expected valid settings');
		await saveDashboardSettings(db, modelId, parsed.data, { userId: null });
		expect(await dashboardSettingsOf(db, modelId)).toEqual({
			target: null,
			referenceValue: null,
			referenceLabel: null
		});
	});

	it('refuses numbers outside the 0–100 scale and overlong labels', () => {
		const parsed = form({ target: '101', referenceValue: '-1', referenceLabel: 'x'.repeat(81) });
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(parsed.errors.target).toMatch(/0 to 100/);
		expect(parsed.errors.referenceValue).toMatch(/0 to 100/);
		expect(parsed.errors.referenceLabel).toMatch(/at most 80/);
		expect(form({ target: 'high' }).ok).toBe(false);
	});

	it('asks for a label with a reference value, so it is never mistaken for the own score', () => {
		const parsed = form({ target: '', referenceValue: '77', referenceLabel: '' });
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.errors.referenceLabel).toMatch(/Name the reference/);
		const labelOnly = form({ referenceLabel: 'ACSI' });
		expect(labelOnly.ok).toBe(false);
		if (!labelOnly.ok) expect(labelOnly.errors.referenceValue).toMatch(/reference value too/);
	});

	it('refuses a model that does not exist', async () => {
		expect(
			await saveDashboardSettings(
				db,
				modelId + 1,
				{ target: 50, referenceValue: null, referenceLabel: null },
				{ userId: null }
			)
		).toMatchObject({ ok: false, status: 404 });
	});
});

describe('whether one-click answers of links that expired unfinished count', () => {
	it('is off until the owner turns it on, leaves the lines as they are, and is audited', async () => {
		expect(await countsOneClickPartials(db, modelId)).toBe(false);
		const parsed = form({ target: '80', referenceValue: '', referenceLabel: '' });
		if (!parsed.ok) throw new Error('the lines should parse');
		await saveDashboardSettings(db, modelId, parsed.data, { userId: null });
		expect(await saveOneClickPartials(db, modelId, true, { userId: null })).toEqual({ ok: true });
		expect(await countsOneClickPartials(db, modelId)).toBe(true);
		expect((await dashboardSettingsOf(db, modelId)).target).toBe(80);
		expect((await recentAudit(db, 1))[0]).toMatchObject({
			action: 'dashboard.one-click-partials',
			subject: `model:${modelId}`,
			details: { countOneClickPartials: true }
		});
		await saveOneClickPartials(db, modelId, false, { userId: null });
		expect(await countsOneClickPartials(db, modelId)).toBe(false);
		expect(await saveOneClickPartials(db, modelId + 1, true, { userId: null })).toMatchObject({
			ok: false,
			status: 404
		});
	});

	it('reads the form’s checkbox: ticked is on, absent is off', () => {
		expect(oneClickPartialsSchema.parse({ countOneClickPartials: 'on' })).toEqual({
			countOneClickPartials: true
		});
		expect(oneClickPartialsSchema.parse({})).toEqual({ countOneClickPartials: false });
		const tampered = new FormData();
		tampered.set('countOneClickPartials', 'Infinity');
		expect(parseForm(oneClickPartialsSchema, tampered)).toMatchObject({
			ok: false,
			errors: { countOneClickPartials: expect.stringContaining('reload the page') }
		});
	});
});
