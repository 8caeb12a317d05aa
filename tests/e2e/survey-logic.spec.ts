import { type APIRequestContext, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import {
	createApiKey,
	createStaff,
	expectAccessible,
	inviteNewClient,
	sharedServer,
	signIn
} from './support';

/*
 * Page 1: punctuality, then "what made it late" (required) for 2 or less, then overall; a 5 overall
 * ends the survey there. Page 2 asks what we should keep doing, only of those rating punctuality 4
 * or more, and always how likely they are to recommend us. The intro and page 2's title pipe in
 * the client's name and the punctuality score.
 */
const definition = {
	defaultLanguage: 'en',
	languages: ['en'],
	title: { en: 'How was your flight?' },
	intro: { en: 'Thank you for flying with us, {{client.name}}.' },
	pages: [
		{
			id: 'page1',
			skipTo: { if: { question: 'overall', op: 'eq', value: 5 }, to: 'end' },
			questions: [
				{
					id: 'punctuality',
					type: 'rating',
					factor: 'punctuality',
					text: { en: 'How punctual was your departure?' }
				},
				{
					id: 'late',
					type: 'text',
					text: { en: 'What made the flight late?' },
					showIf: { question: 'punctuality', op: 'lte', value: 2 }
				},
				{ id: 'overall', type: 'overall', text: { en: 'Overall, how satisfied are you?' } }
			]
		},
		{
			id: 'page2',
			title: { en: 'You gave punctuality {{answer.punctuality}}' },
			questions: [
				{
					id: 'keep',
					type: 'text',
					required: false,
					text: { en: 'What should we keep doing?' },
					showIf: { question: 'punctuality', op: 'gte', value: 4 }
				},
				{ id: 'nps', type: 'nps', text: { en: 'How likely are you to recommend us?' } }
			]
		}
	]
};

let headers: Record<string, string>;
let surveyId = 0;

/** An open survey with the logic above, created through the API; returns its id. */
async function createSurvey(request: APIRequestContext): Promise<number> {
	headers ??= { authorization: `Bearer ${createApiKey('manager')}` };
	const model = await (
		await request.post('/api/v1/models', {
			headers,
			data: {
				name: `Flights ${randomUUID()}`,
				factors: [{ key: 'punctuality', name: 'Punctuality', weight: 1 }]
			}
		})
	).json();
	const created = await request.post('/api/v1/surveys', {
		headers,
		data: { name: `Flight logic ${randomUUID().slice(0, 8)}`, modelId: model.id, definition }
	});
	expect(created.status()).toBe(201);
	const { id } = await created.json();
	expect((await request.post(`/api/v1/surveys/${id}/open`, { headers })).status()).toBe(200);
	return id;
}

async function invitation(request: APIRequestContext) {
	surveyId ||= await createSurvey(request);
	return inviteNewClient(request, headers, surveyId, 'Flyer');
}

/** The questions of the client's response that have an answer row. */
function answeredQuestions(email: string): string[] {
	const db = new Database(sharedServer().database, { readonly: true });
	const rows = db
		.prepare(
			`select answers.question_id as id from answers
			 join responses on responses.id = answers.response_id
			 join clients on clients.id = responses.client_id
			 where clients.email = ? order by answers.question_id`
		)
		.all(email) as { id: string }[];
	db.close();
	return rows.map((row) => row.id);
}

const rate = async (page: Page, question: string, score: string) =>
	await page
		.getByRole('group', { name: question })
		.getByRole('radio', { name: score, exact: true })
		.check();
const followUp = (page: Page) => page.getByRole('group', { name: 'What made the flight late?' });

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a low rating brings its follow-up when the page is sent, and it must be answered', async ({
		page,
		request,
		consoleErrors
	}) => {
		const { email, link } = await invitation(request);
		consoleErrors.expectRefusal(link, 400);
		await page.goto(link);
		await expect(page.getByText('Thank you for flying with us, Flyer.')).toBeVisible();
		await expect(followUp(page)).toBeHidden();
		await rate(page, 'How punctual was your departure?', '2');
		await rate(page, 'Overall, how satisfied are you?', '3');
		await page.getByRole('button', { name: 'Next' }).click();
		await expect(page.getByRole('alert')).toHaveText('Some answers need your attention.');
		await expect(followUp(page)).toContainText('Please answer this question.');
		await page.getByLabel('What made the flight late?').fill('A missing crew');
		await page.getByRole('button', { name: 'Next' }).click();
		await expect(page.getByText('Page 2 of 2')).toBeVisible();
		await expect(page.getByRole('heading', { name: 'You gave punctuality 2' })).toBeVisible();
		// Only those who rated punctuality 4 or more are asked what to keep doing.
		await expect(page.getByText('What should we keep doing?')).toHaveCount(0);
		await rate(page, 'How likely are you to recommend us?', '6');
		await page.getByRole('button', { name: 'Send answers' }).click();
		await expect(page.getByRole('status')).toHaveText('Thank you for your answers!');
		expect(answeredQuestions(email)).toEqual(['late', 'nps', 'overall', 'punctuality']);
	});

	test('a top overall score ends the survey after the first page', async ({ page, request }) => {
		const { email, link } = await invitation(request);
		await page.goto(link);
		await rate(page, 'How punctual was your departure?', '4');
		await rate(page, 'Overall, how satisfied are you?', '5');
		await page.getByRole('button', { name: 'Next' }).click();
		await expect(page.getByRole('status')).toHaveText('Thank you for your answers!');
		expect(answeredQuestions(email)).toEqual(['overall', 'punctuality']);
	});
});

test.describe('with JavaScript', () => {
	test('the follow-up appears as soon as the rating is 2 or less, and goes again without being sent', async ({
		page,
		request
	}) => {
		const { email, link } = await invitation(request);
		await page.goto(link);
		await expect(followUp(page)).toBeHidden();
		await rate(page, 'How punctual was your departure?', '1');
		await expect(followUp(page)).toBeVisible();
		await expectAccessible(page);
		await page.getByLabel('What made the flight late?').fill('Typed, then thought better of it');
		await rate(page, 'How punctual was your departure?', '4');
		await expect(followUp(page)).toBeHidden();
		await rate(page, 'Overall, how satisfied are you?', '3');
		await page.getByRole('button', { name: 'Next' }).click();
		await expect(page.getByLabel('What should we keep doing?')).toBeVisible();
		await rate(page, 'How likely are you to recommend us?', '9');
		await page.getByRole('button', { name: 'Send answers' }).click();
		await expect(page.getByRole('status')).toHaveText('Thank you for your answers!');
		expect(answeredQuestions(email)).toEqual(['nps', 'overall', 'punctuality']);
	});
});

test.describe('the builder', () => {
	test.use({ javaScriptEnabled: false });

	test('a manager sets a question’s condition and a page’s skip rule, and reads them back in words', async ({
		page,
		request
	}) => {
		// A survey of its own: the respondents' tests rely on the logic as created.
		const id = await createSurvey(request);
		await signIn(page, createStaff('manager'));
		await page.goto(`/surveys/${id}`);
		await expect(
			page
				.getByRole('listitem')
				.filter({ hasText: 'What made the flight late?' })
				.getByText('Shown if Page 1, question 1 (“How punctual was your departure?”) ≤ 2')
		).toBeVisible();

		await page.getByText('Edit question 4').click();
		// Question 5's condition lists question 4 too: the form is the one saving question 4.
		const keep = page
			.locator('form')
			.filter({ has: page.getByRole('button', { name: 'Save question 4' }) });
		await keep
			.getByLabel('Question', { exact: true })
			.selectOption({ label: '3. Overall, how satisfied are you?' });
		await keep.getByLabel('Its answer').selectOption('gte');
		await keep.getByLabel('Score (for at most, at least, exactly)').fill('4');
		await keep.getByRole('button', { name: 'Save question 4' }).click();
		await expect(
			page.getByText('Shown if Page 1, question 3 (“Overall, how satisfied are you?”) ≥ 4').first()
		).toBeVisible();

		await page.getByText('Display logic of page 1').click();
		const pageOne = page.getByRole('region', { name: 'Page 1' });
		await pageOne
			.getByRole('group', { name: 'Skip rule' })
			.getByLabel('Question', { exact: true })
			.selectOption({
				label: '1. How punctual was your departure?'
			});
		await pageOne
			.getByRole('group', { name: 'Skip rule' })
			.getByLabel('Its answer')
			.selectOption('notAnswered');
		await pageOne.getByLabel('Then go to').selectOption({ label: 'Page 2' });
		await pageOne.getByRole('button', { name: 'Save the logic of page 1' }).click();
		await expect(
			page
				.getByText(
					'If Page 1, question 1 (“How punctual was your departure?”) is not answered, next comes Page 2'
				)
				.first()
		).toBeVisible();
	});
});

// axe yields to the page's timers on a page this large, which do not run with JavaScript off.
test('the builder showing conditions, skip rules and their forms passes axe', async ({
	page,
	request
}) => {
	const id = await createSurvey(request);
	await signIn(page, createStaff('manager'));
	await page.goto(`/surveys/${id}`);
	await page.getByText('Display logic of page 1').click();
	await page.getByText('Edit question 2').click();
	await expect(page.getByRole('button', { name: 'Save the logic of page 1' })).toBeVisible();
	await expectAccessible(page);
});
