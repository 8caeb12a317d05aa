import { type APIRequestContext, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import { createApiKey, createStaff, expectAccessible, signIn } from './support';

/**
 * The response inbox end to end: four responses to a survey of its own — three imported with
 * their dates (two from a client in a segment), one answered today through a personal link that
 * opens a follow-up case. With one factor of weight 1, a response's score is (rating − 1) × 25,
 * so each response is told by its score: 100.0, 25.0, 75.0 and 0.0. The first test sets them up
 * (signed in as the manager); the others sign in themselves.
 */
test.describe.configure({ mode: 'serial' });

const run = randomUUID().slice(0, 8);
const word = `zq${run}`; // a word only one answer holds
const tag = `inbox-${run}`;
const questions = { speed: 'How fast were we?', overall: 'Overall?', comments: 'Anything else?' };
const setup: {
	headers?: Record<string, string>;
	manager?: { email: string; password: string };
	surveyId?: number;
	segmentName?: string;
	ines?: { id: number; name: string };
} = {};

async function setUp(page: Page, request: APIRequestContext) {
	if (setup.headers) return;
	const headers = { authorization: `Bearer ${createApiKey('manager')}` };
	const manager = createStaff('manager');
	const post = async (path: string, data: unknown, status = 201) => {
		const response = await request.post(path, { headers, data });
		expect(response.status(), `${path}: ${await response.text()}`).toBe(status);
		return response.json();
	};
	const model = await post('/api/v1/models', {
		name: `Inbox ${run}`,
		factors: [{ key: 'speed', name: 'Speed', weight: 1 }]
	});
	const survey = await post('/api/v1/surveys', {
		name: `Inbox survey ${run}`,
		modelId: model.id,
		definition: {
			defaultLanguage: 'en',
			languages: ['en'],
			title: { en: 'How did we do?' },
			pages: [
				{
					id: 'p1',
					questions: [
						{ id: 'speed', type: 'rating', factor: 'speed', text: { en: questions.speed } },
						{ id: 'overall', type: 'overall', text: { en: questions.overall } },
						{ id: 'comments', type: 'text', required: false, text: { en: questions.comments } }
					]
				}
			]
		}
	});
	await post(`/api/v1/surveys/${survey.id}/open`, undefined, 200);
	const client = (name: string, tags: string[]) =>
		post('/api/v1/clients', {
			email: `${name.toLowerCase()}-${run}@e2e.test`,
			name: `${name} ${run}`,
			language: 'en',
			consent: true,
			tags
		});
	const ines = await client('Ines', [tag]);
	await client('Jon', []);
	// The segment exists before the answers, so they are stored as given by one of its members.
	const segmentName = `Inbox VIP ${run}`;
	await signIn(page, manager);
	const saved = await page.request.post('/clients?/saveSegment', {
		form: { name: segmentName, filter: `tag=${tag}` },
		headers: { origin: new URL(page.url()).origin }
	});
	expect(saved.status()).toBe(200);
	await post(`/api/v1/surveys/${survey.id}/responses`, {
		responses: [
			{
				submittedAt: '2025-01-15T10:00:00Z',
				email: `ines-${run}@e2e.test`,
				answers: { speed: 5, overall: 5, comments: `Wonderful, friendly staff. Ticket ${word}.` }
			},
			{
				submittedAt: '2025-02-15T10:00:00Z',
				email: `ines-${run}@e2e.test`,
				answers: { speed: 2, overall: 2, comments: 'Terrible delay and rude, awful staff.' }
			},
			{
				submittedAt: '2025-03-15T10:00:00Z',
				email: `jon-${run}@e2e.test`,
				answers: { speed: 4, overall: 4, comments: null }
			}
		]
	});
	const invited = await post('/api/v1/invitations', {
		client: { email: `jon-${run}@e2e.test` },
		surveyId: survey.id
	});
	const respondent = await page.context().browser()!.newPage();
	await respondent.goto(new URL(invited.link).pathname, { waitUntil: 'networkidle' });
	for (const question of [questions.speed, questions.overall])
		await respondent
			.getByRole('group', { name: question })
			.getByRole('radio', { name: '1', exact: true })
			.check();
	await respondent.getByRole('button', { name: 'Send answers' }).click();
	await expect(respondent.getByRole('status')).toHaveText('Thank you for your answers!');
	await respondent.close();
	Object.assign(setup, {
		headers,
		manager,
		surveyId: survey.id,
		segmentName,
		ines: { id: ines.id, name: ines.name }
	});
}

/** The scores of the rows shown, newest first: each tells one of the four responses. */
const shownScores = (page: Page) =>
	page.getByRole('table').getByRole('row').locator('td:nth-child(4)').allInnerTexts();

async function filterBy(page: Page, fill: (page: Page) => Promise<void>) {
	await page.goto('/responses', { waitUntil: 'networkidle' });
	await page.getByLabel('Survey', { exact: true }).selectOption({ label: `Inbox survey ${run}` });
	await fill(page);
	await page.getByRole('button', { name: 'Apply filters' }).click();
	await page.waitForURL(/\/responses\?/);
}

test('the inbox filters by survey, period, segment, score, tone, words and case', async ({
	page,
	request
}) => {
	// Filter after filter, each a page load and a form sent: 28 s of the usual 30 on a quiet machine.
	test.slow();
	await setUp(page, request);
	await filterBy(page, async () => {});
	await expect(page.getByText('4 responses match the filters.')).toBeVisible();
	expect(await shownScores(page)).toEqual(['0.0', '75.0', '25.0', '100.0']);
	await expect(page.getByRole('columnheader', { name: 'Client' })).toBeVisible();
	await expectAccessible(page);

	await filterBy(page, async () => {
		await page.getByLabel('From', { exact: true }).fill('2025-02-01');
		await page.getByLabel('To', { exact: true }).fill('2025-03-31');
	});
	expect(await shownScores(page)).toEqual(['75.0', '25.0']);

	await filterBy(page, async () => {
		await page.getByLabel('Segment when answering').selectOption({ label: setup.segmentName! });
	});
	expect(await shownScores(page)).toEqual(['25.0', '100.0']);

	await filterBy(page, async () => {
		await page.getByLabel('Lowest score').fill('20');
		await page.getByLabel('Highest score').fill('80');
	});
	expect(await shownScores(page)).toEqual(['75.0', '25.0']);

	await filterBy(page, async () => {
		await page.getByLabel('Tone of an open answer').selectOption({ label: 'Negative' });
	});
	expect(await shownScores(page)).toEqual(['25.0']);
	await expect(page.getByRole('row').filter({ hasText: '25.0' })).toContainText('Negative');

	await filterBy(page, async () => {
		await page.getByLabel('Search the open answers').fill(word);
	});
	expect(await shownScores(page)).toEqual(['100.0']);

	await filterBy(page, async () => {
		await page.getByLabel('Follow-up case').selectOption({ label: 'Has a case' });
	});
	expect(await shownScores(page)).toEqual(['0.0']);
	await expect(page.getByRole('row').filter({ hasText: '0.0' })).toContainText('Open');
});

test('a filter it cannot read is named and left out; the others still apply, also without JavaScript', async ({
	page,
	browser,
	request
}) => {
	await setUp(page, request);
	await signIn(page, setup.manager!);
	await page.goto(`/responses?survey=${setup.surveyId}&minScore=abc&sentiment=angry&maxScore=80`, {
		waitUntil: 'networkidle'
	});
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('Lowest score: Give a score from 0 to 100');
	await expect(alert).toContainText('Sentiment: Choose one of positive, neutral, negative');
	expect(await shownScores(page)).toEqual(['0.0', '75.0', '25.0']);

	const noScript = await browser.newContext({ javaScriptEnabled: false });
	const plain = await noScript.newPage();
	await plain.goto('/login');
	await plain.getByLabel('Email').fill(setup.manager!.email);
	await plain.getByLabel('Password').fill(setup.manager!.password);
	await plain.getByRole('button', { name: 'Sign in' }).click();
	await plain.goto('/responses');
	await plain.getByLabel('Survey', { exact: true }).selectOption({ label: `Inbox survey ${run}` });
	await plain.getByLabel('Highest score').fill('30');
	await plain.getByRole('button', { name: 'Apply filters' }).click();
	await expect(plain).toHaveURL(new RegExp(`survey=${setup.surveyId}.*maxScore=30`));
	expect(await shownScores(plain)).toEqual(['0.0', '25.0']);
	await noScript.close();
});

test('a manager opens a response, tags it and notes it, and the inbox shows and filters by them', async ({
	page,
	request
}) => {
	await setUp(page, request);
	await signIn(page, setup.manager!);
	await filterBy(page, async () => {
		await page.getByLabel('Search the open answers').fill(word);
	});
	await page
		.getByRole('table')
		.getByRole('link', { name: /^#\d+$/ })
		.click();
	await expect(page.getByRole('heading', { name: /^Response #\d+$/ })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Score' })).toContainText(
		`100.0 of 100 — the respondent’s CSI with the weights of “Inbox ${run}”, version 1.`
	);
	await expect(page.getByRole('link', { name: setup.ines!.name })).toBeVisible();
	await page.getByLabel('Tags', { exact: true }).fill(`${tag}-callback, Pricing`);
	await page.getByRole('textbox', { name: 'Internal note' }).fill('Promised a call on Monday.');
	await page.getByRole('button', { name: 'Save tags and note' }).click();
	await expect(page.getByRole('status')).toHaveText('Tags and note saved.');
	await expect(page.getByLabel('Tags', { exact: true })).toHaveValue(`${tag}-callback, pricing`);
	await expectAccessible(page);

	await filterBy(page, async () => {
		await page.getByLabel('Tag', { exact: true }).selectOption({ label: `${tag}-callback` });
	});
	expect(await shownScores(page)).toEqual(['100.0']);
	const row = page.getByRole('row').filter({ hasText: '100.0' });
	await expect(row).toContainText(`${tag}-callback`);
	await expect(row).toContainText('pricing');
	await expect(row).toContainText('note');
	await expect(row).toContainText('Positive');
	await expectAccessible(page);
});

test('a viewer reads the inbox without the client column, and tags and notes without changing them', async ({
	page,
	request
}) => {
	await setUp(page, request);
	await signIn(page, createStaff('viewer'));
	await page.goto(`/responses?survey=${setup.surveyId}&tag=${tag}-callback`, {
		waitUntil: 'networkidle'
	});
	expect(await page.getByRole('columnheader').allTextContents()).toEqual([
		'Response',
		'Survey',
		'Score',
		'Open answers',
		'Tags',
		'Case'
	]);
	await expect(page.getByRole('main')).not.toContainText(setup.ines!.name);
	await page
		.getByRole('table')
		.getByRole('link', { name: /^#\d+$/ })
		.click();
	const notes = page.getByRole('region', { name: 'Tags and internal note' });
	await expect(notes).toContainText(`${tag}-callback`);
	await expect(notes).toContainText('Promised a call on Monday.');
	await expect(page.getByRole('button', { name: 'Save tags and note' })).toHaveCount(0);
	await expectAccessible(page);
});

test('the client card lists the client’s responses with their scores and the change between them', async ({
	page,
	request
}) => {
	await setUp(page, request);
	await signIn(page, setup.manager!);
	await page.goto(`/clients/${setup.ines!.id}`, { waitUntil: 'networkidle' });
	const responses = page.getByRole('region', { name: 'Responses' });
	await expect(responses).toContainText('2 responses.');
	await expect(responses).toContainText(
		'From the first score to the newest: −75.0, over 2 scored responses.'
	);
	const rows = responses.getByRole('table', { name: `Inbox survey ${run}` }).getByRole('row');
	await expect(rows.nth(1)).toContainText('25.0');
	await expect(rows.nth(1)).toContainText('−75.0');
	await expect(rows.nth(2)).toContainText('100.0');
	await responses.getByRole('link', { name: 'Open them in the response inbox' }).click();
	await expect(page).toHaveURL(new RegExp(`/responses\\?client=${setup.ines!.id}$`));
	await expect(page.getByText(`Only the responses of ${setup.ines!.name}.`)).toBeVisible();
	expect(await shownScores(page)).toEqual(['25.0', '100.0']);
	await expectAccessible(page);
});
