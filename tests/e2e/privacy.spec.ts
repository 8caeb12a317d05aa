import { type APIRequestContext, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import {
	createApiKey,
	createStaff,
	expectAccessible,
	sharedServer,
	signIn,
	speedSurveyDefinition
} from './support';

/** A consenting client who answered a survey through their personal link, with a comment naming them. */
async function clientWhoAnswered(
	request: APIRequestContext,
	page: Page,
	headers: Record<string, string>
) {
	const tag = randomUUID().slice(0, 8);
	const model = await (
		await request.post('/api/v1/models', {
			headers,
			data: { name: `Privacy ${tag}`, factors: [{ key: 'speed', name: 'Speed', weight: 1 }] }
		})
	).json();
	const survey = await (
		await request.post('/api/v1/surveys', {
			headers,
			data: { name: `Privacy ${tag}`, modelId: model.id, definition: speedSurveyDefinition }
		})
	).json();
	expect((await request.post(`/api/v1/surveys/${survey.id}/open`, { headers })).status()).toBe(200);
	const email = `privacy-${tag}@e2e.test`;
	const client = await (
		await request.post('/api/v1/clients', {
			headers,
			data: { email, name: `Petra ${tag}`, language: 'en', consent: true }
		})
	).json();
	const invited = await request.post('/api/v1/invitations', {
		headers,
		data: { client: { email }, surveyId: survey.id }
	});
	const link = new URL((await invited.json()).link).pathname;
	await page.goto(link);
	await page
		.getByRole('group', { name: 'How fast?' })
		.getByRole('radio', { name: '1', exact: true })
		.check();
	await page
		.getByRole('group', { name: 'Overall?' })
		.getByRole('radio', { name: '1', exact: true })
		.check();
	await page.getByLabel('Anything else?').fill(`This is Petra ${tag}, please call me back.`);
	await page.getByRole('button', { name: 'Send answers' }).click();
	await expect(page.getByRole('status')).toHaveText('Thank you for your answers!');
	return {
		id: client.id as number,
		name: `Petra ${tag}`,
		email,
		link,
		surveyId: survey.id as number
	};
}

function responsesOfSurvey(surveyId: number): number {
	const db = new Database(sharedServer().database, { readonly: true });
	const row = db
		.prepare(
			'select count(*) as n from responses join survey_versions on survey_versions.id = responses.survey_version_id where survey_versions.survey_id = ?'
		)
		.get(surveyId) as { n: number };
	db.close();
	return row.n;
}

async function chooseAnswersOnErasure(page: Page, choice: RegExp) {
	await page.goto('/settings/privacy', { waitUntil: 'networkidle' });
	await page.getByRole('radio', { name: choice }).check();
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status')).toContainText('Saved.');
}

test('an owner chooses to delete answers on erasure; the export holds everything about the client, and erasing removes it all', async ({
	page,
	request,
	browser,
	consoleErrors
}) => {
	const headers = { authorization: `Bearer ${createApiKey('manager')}` };
	const respondent = await browser.newPage();
	const client = await clientWhoAnswered(request, respondent, headers);
	consoleErrors.expectRefusal(client.link, 404);

	await signIn(page, createStaff('owner'));
	await page.goto('/settings/privacy', { waitUntil: 'networkidle' });
	await expect(page.getByRole('radio', { name: /Keep them anonymously/ })).toBeChecked();
	await expectAccessible(page);
	await chooseAnswersOnErasure(page, /Delete them too/);
	try {
		await page.goto(`/clients/${client.id}`, { waitUntil: 'networkidle' });
		await expect(page.getByLabel(new RegExp(`Erase ${client.name}`))).toBeVisible();
		await expect(page.getByText('Their survey answers are deleted too')).toBeVisible();

		const download = await (await page.request.get(`/clients/${client.id}/export`)).json();
		const viaApi = await (
			await request.get(`/api/v1/clients/${client.id}/export`, { headers })
		).json();
		for (const exported of [download, viaApi]) {
			expect(Object.keys(exported)).toEqual([
				'exportedAt',
				'client',
				'consent',
				'invitations',
				'emails',
				'responses',
				'cases',
				'reviews',
				'audit'
			]);
			expect(exported.client.email).toBe(client.email);
			expect(exported.invitations).toHaveLength(1);
			expect(exported.responses).toHaveLength(1);
			expect(exported.responses[0].answers).toEqual(
				expect.arrayContaining([expect.objectContaining({ questionId: 'speed', score: 1 })])
			);
			expect(exported.cases).toHaveLength(1);
		}
		expect(viaApi.audit.map((entry: { action: string }) => entry.action)).toEqual(
			expect.arrayContaining(['client.export'])
		);
		expect(responsesOfSurvey(client.surveyId)).toBe(1);

		await page.getByLabel(new RegExp(`Erase ${client.name}`)).check();
		await page.getByRole('button', { name: 'Erase client' }).click();
		await expect(page).toHaveURL(/\/clients$/);

		expect(responsesOfSurvey(client.surveyId)).toBe(0);
		expect((await respondent.goto(client.link))?.status()).toBe(404);
		expect((await request.get(`/api/v1/clients/${client.id}/export`, { headers })).status()).toBe(
			404
		);
		const cases = await (await request.get(`/api/v1/cases?limit=100`, { headers })).json();
		expect(JSON.stringify(cases)).not.toContain(client.name);
	} finally {
		await chooseAnswersOnErasure(page, /Keep them anonymously/);
	}
});

test('by default an erased client’s answers stay, anonymised, and the confirmation says so', async ({
	page,
	request,
	browser
}) => {
	const headers = { authorization: `Bearer ${createApiKey('manager')}` };
	const client = await clientWhoAnswered(request, await browser.newPage(), headers);
	await signIn(page, createStaff('manager'));
	await page.goto(`/clients/${client.id}`, { waitUntil: 'networkidle' });
	await expect(page.getByText('Their survey answers are kept, anonymised')).toBeVisible();
	await page.getByLabel(new RegExp(`Erase ${client.name}`)).check();
	await page.getByRole('button', { name: 'Erase client' }).click();
	await expect(page).toHaveURL(/\/clients$/);
	expect(responsesOfSurvey(client.surveyId)).toBe(1);
});

test('managers are refused the privacy settings', async ({ page, consoleErrors }) => {
	consoleErrors.expectRefusal('/settings/privacy', 403);
	await signIn(page, createStaff('manager'));
	expect((await page.goto('/settings/privacy'))?.status()).toBe(403);
	const posted = await page.request.post('/settings/privacy?/save', {
		form: { answersOnErasure: 'delete' },
		headers: { origin: new URL(page.url()).origin }
	});
	expect(posted.status()).toBe(403);
});
