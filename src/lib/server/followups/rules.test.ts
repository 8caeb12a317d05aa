import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseStatuses as pageStatuses, caseTriggers } from '../../followups/case-model';
import { defaultRules } from '../../followups/triggers';
import { followupSettingsFormSchema } from '../../schemas/followups';
import type { Db } from '../db';
import { caseStatuses, followupTriggers } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { currentRules, currentSettings, saveFollowupSettings } from './rules';
import { addStaff } from './test-followups';

let db: Db;
let remove: () => Promise<void>;

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
});
afterEach(() => remove());

const form = (fields: Record<string, string>) =>
	followupSettingsFormSchema.safeParse({
		lowOverallEnabled: 'on',
		lowOverallThreshold: '2',
		lowFactorEnabled: 'on',
		lowFactorThreshold: '2',
		lowNpsEnabled: 'on',
		lowNpsThreshold: '6',
		negativeAnswerEnabled: 'on',
		negativeReviewEnabled: 'on',
		slaBusinessDays: '2',
		...fields
	});

describe('follow-up rules and settings', () => {
	it('name exactly the triggers and statuses the database knows', () => {
		expect(caseTriggers).toEqual(followupTriggers);
		expect(pageStatuses).toEqual(caseStatuses);
	});

	it('are all on with the default thresholds, two business days and nobody as default assignee until the owner saves', async () => {
		expect(await currentRules(db)).toEqual(defaultRules);
		expect(defaultRules.lowOverall.threshold).toBe(2);
		expect(defaultRules.lowFactor.threshold).toBe(2);
		expect(defaultRules.lowNps.threshold).toBe(6);
		expect(Object.values(defaultRules).every((rule) => rule.enabled && !rule.askResolved)).toBe(
			true
		);
		expect(await currentSettings(db)).toEqual({
			defaultAssigneeId: null,
			slaBusinessDays: 2,
			lastDigestOn: null
		});
	});

	it('keep what the owner saves: rules off, thresholds, “Did we resolve it?”, default assignee and SLA', async () => {
		const olga = await addStaff(db, 'Olga', 'owner');
		const parsed = form({
			lowOverallThreshold: '1',
			lowNpsEnabled: '',
			lowFactorAsk: 'on',
			negativeReviewEnabled: '',
			defaultAssigneeId: olga,
			slaBusinessDays: '5'
		});
		expect(parsed.success).toBe(true);
		expect(await saveFollowupSettings(db, parsed.data!)).toEqual({ ok: true });
		expect(await currentRules(db)).toEqual({
			...defaultRules,
			lowOverall: { enabled: true, threshold: 1, askResolved: false },
			lowFactor: { enabled: true, threshold: 2, askResolved: true },
			lowNps: { enabled: false, threshold: 6, askResolved: false },
			negativeReview: { enabled: false, threshold: null, askResolved: false }
		});
		expect(await currentSettings(db)).toMatchObject({
			defaultAssigneeId: olga,
			slaBusinessDays: 5
		});
	});

	it('refuse thresholds that would flag everyone or nothing, and SLAs outside 1–30 business days', () => {
		const problems = (fields: Record<string, string>) =>
			form(fields).error?.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`) ?? [];
		expect(
			problems({
				lowOverallThreshold: '5',
				lowFactorThreshold: '0',
				lowNpsThreshold: '10',
				slaBusinessDays: '31'
			})
		).toEqual([
			'lowOverallThreshold: Choose a whole number from 1 to 4 (a rating of 1–5)',
			'lowFactorThreshold: Choose a whole number from 1 to 4 (a rating of 1–5)',
			'lowNpsThreshold: Choose a whole number from 0 to 9 (an NPS answer of 0–10)',
			'slaBusinessDays: Choose a whole number from 1 to 30 (business days)'
		]);
		expect(problems({ lowNpsThreshold: '0', slaBusinessDays: '30' })).toEqual([]);
		expect(problems({ slaBusinessDays: '1.5' })).toEqual([
			'slaBusinessDays: Choose a whole number from 1 to 30 (business days)'
		]);
	});

	it('refuse a deactivated or unknown default assignee', async () => {
		const gone = await addStaff(db, 'Gone', 'manager', true);
		for (const id of [gone, 'nobody']) {
			expect(await saveFollowupSettings(db, form({ defaultAssigneeId: id }).data!)).toEqual({
				ok: false,
				status: 400,
				field: 'defaultAssigneeId',
				message: 'Choose an active staff user, or nobody.'
			});
		}
		expect((await currentSettings(db)).defaultAssigneeId).toBeNull();
	});
});
