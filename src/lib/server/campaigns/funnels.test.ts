import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveClients } from '../clients/save';
import { clientInput } from '../clients/test-clients';
import type { Db } from '../db';
import { openTestDatabase } from '../db/test-database';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { latestCampaignFunnels } from './funnels';
import { createCampaign, runDueCampaigns } from './service';

let db: Db;
let remove: () => Promise<void>;
let trips = 0;
let other = 0;

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	trips = await openSurveyFromTemplate(db, 'airline-csi');
	other = await openSurveyFromTemplate(db, 'nps-reasons');
	await saveClients(
		db,
		[
			clientInput({ email: 'ada@example.com', consent: true }),
			clientInput({ email: 'bo@example.com', consent: true })
		],
		{ onExisting: 'reject', actor: {}, source: 'test' }
	);
});
afterEach(() => remove());

async function sent(name: string, surveyId: number, day: string) {
	const created = await createCampaign(
		db,
		{
			name,
			surveyId,
			segmentId: null,
			sendAt: new Date(`${day}T09:00:00Z`),
			recurrence: 'once',
			fatigueDays: 0,
			expiresInDays: 14
		},
		null
	);
	if (!created.ok) throw new Error(created.message);
	await runDueCampaigns(db, new Date(`${day}T09:00:00Z`));
}

describe('the campaign funnels beside the dashboard', () => {
	it('lists the surveys’ campaigns that have sent, newest first, each with its funnel', async () => {
		await sent('January', trips, '2026-01-05');
		await sent('March', trips, '2026-03-05');
		await sent('Other survey', other, '2026-03-06');
		await createCampaign(
			db,
			{
				name: 'Not yet sent',
				surveyId: trips,
				segmentId: null,
				sendAt: new Date('2027-01-01T00:00:00Z'),
				recurrence: 'once',
				fatigueDays: 0,
				expiresInDays: 14
			},
			null
		);

		const listed = await latestCampaignFunnels(db, { surveyIds: [trips] });
		expect(listed.map(({ name }) => name)).toEqual(['March', 'January']);
		expect(listed[0]!.funnel).toMatchObject({
			invited: 2,
			accepted: 0,
			opened: 0,
			started: 0,
			completed: 0,
			responseRate: null
		});
	});

	it('keeps to the campaigns that sent within the dates, and to the limit', async () => {
		await sent('January', trips, '2026-01-05');
		await sent('March', trips, '2026-03-05');
		expect(
			(await latestCampaignFunnels(db, { surveyIds: [trips], from: '2026-02-01' })).map(
				({ name }) => name
			)
		).toEqual(['March']);
		expect(
			(await latestCampaignFunnels(db, { surveyIds: [trips], to: '2026-02-01' })).map(
				({ name }) => name
			)
		).toEqual(['January']);
		expect(
			(await latestCampaignFunnels(db, { surveyIds: [trips] }, 1)).map(({ name }) => name)
		).toEqual(['March']);
		expect(await latestCampaignFunnels(db, { surveyIds: [] })).toEqual([]);
	});
});
