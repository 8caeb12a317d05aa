import { type APIRequestContext, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import { createApiKey, createStaff, inviteNewClient, sharedServer, signIn } from './support';

const seats = ['window', 'aisle', 'middle', 'front', 'back', 'exit'];

/** Page 1: a shuffled single choice and a date within 2026; page 2: a matrix of two factors and the overall question. */
const definition = {
	defaultLanguage: 'en',
	languages: ['en'],
	title: { en: 'Your trip with us' },
	pages: [
		{
			id: 'trip',
			questions: [
				{
					id: 'seat',
					type: 'single',
					shuffleOptions: true,
					text: { en: 'Where did you sit?' },
					options: seats.map((id) => ({ id, label: { en: `Seat ${id}` } }))
				},
				{
					id: 'flown',
					type: 'date',
					text: { en: 'On which day did you fly?' },
					earliest: '2026-01-01',
					latest: '2026-12-31'
				}
			]
		},
		{
			id: 'end',
			questions: [
				{
					id: 'trip',
					type: 'matrix',
					text: { en: 'How satisfied are you with…' },
					allowNotApplicable: true,
					lowLabel: { en: 'Not at all' },
					highLabel: { en: 'Completely' },
					rows: [
						{ id: 'departure', factor: 'punctuality', text: { en: '…the departure?' } },
						{ id: 'legroom', factor: 'comfort', text: { en: '…the legroom?' } }
					]
				},
				{ id: 'overall', type: 'overall', text: { en: 'Overall, how satisfied are you?' } }
			]
		}
	]
};

let headers: Record<string, string>;
let surveyId = 0;

async function createSurvey(request: APIRequestContext): Promise<number> {
	const model = await (
		await request.post('/api/v1/models', {
			headers,
			data: {
				name: `Trips ${randomUUID()}`,
				factors: [
					{ key: 'punctuality', name: 'Punctuality', weight: 1 },
					{ key: 'comfort', name: 'Comfort', weight: 1 }
				]
			}
		})
	).json();
	const created = await request.post('/api/v1/surveys', {
		headers,
		data: { name: `Question types ${randomUUID().slice(0, 8)}`, modelId: model.id, definition }
	});
	expect(created.status(), await created.text()).toBe(201);
	const { id } = await created.json();
	expect((await request.post(`/api/v1/surveys/${id}/open`, { headers })).status()).toBe(200);
	return id;
}

async function invitation(request: APIRequestContext) {
	headers ??= { authorization: `Bearer ${createApiKey('manager')}` };
	surveyId ||= await createSurvey(request);
	return inviteNewClient(request, headers, surveyId, 'Traveller');
}

function responseIdOf(email: string): number {
	const db = new Database(sharedServer().database, { readonly: true });
	const row = db
		.prepare(
			`select responses.id as id from responses join clients on clients.id = responses.client_id
			 where clients.email = ?`
		)
		.get(email) as { id: number };
	db.close();
	return row.id;
}

const seatOrder = (page: Page) =>
	page
		.getByRole('group', { name: 'Where did you sit?' })
		.getByRole('radio')
		.evaluateAll((radios) => radios.map((radio) => (radio as HTMLInputElement).value));

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a respondent answers a shuffled choice, a date and a matrix, and staff read the answers (#20)', async ({
		page,
		browser,
		request,
		consoleErrors
	}) => {
		const { email, link } = await invitation(request);
		await page.goto(link);
		await expect(page.getByRole('heading', { name: 'Your trip with us' })).toBeVisible();
		const order = await seatOrder(page);
		expect([...order].sort()).toEqual([...seats].sort());
		await page.reload();
		expect(await seatOrder(page)).toEqual(order);

		// Other respondents see orders of their own: among five more links, at least one differs.
		const others: string[][] = [];
		for (let i = 0; i < 5; i++) {
			const other = await browser.newPage({ javaScriptEnabled: false });
			await other.goto((await invitation(request)).link);
			others.push(await seatOrder(other));
			await other.close();
		}
		expect(others.some((other) => other.join() !== order.join())).toBe(true);

		await page
			.getByRole('group', { name: 'Where did you sit?' })
			.getByRole('radio', { name: 'Seat aisle' })
			.check();
		// A browser without a date picker takes any text: such a day is refused by the server.
		const day = page.getByLabel('On which day did you fly?');
		await day.evaluate((input) => ((input as HTMLInputElement).type = 'text'));
		await day.fill('2026-02-30');
		consoleErrors.expectRefusal(link, 400);
		await page.getByRole('button', { name: 'Next' }).click();
		await expect(page.getByRole('group', { name: 'On which day did you fly?' })).toContainText(
			'Please enter a date that exists, e.g. 2026-03-31.'
		);
		await page.getByLabel('On which day did you fly?').fill('2026-03-14');
		await page.getByRole('button', { name: 'Next' }).click();
		await expect(page.getByText('Page 2 of 2')).toBeVisible();

		// Back on page 1, the options keep this respondent's order and the answers are kept.
		await page.getByRole('button', { name: 'Back' }).click();
		expect(await seatOrder(page)).toEqual(order);
		await expect(page.getByLabel('On which day did you fly?')).toHaveValue('2026-03-14');
		await page.getByRole('button', { name: 'Next' }).click();

		// Each row of the matrix is a group of its own within the stem's group, each required.
		const matrix = page.getByRole('group', { name: 'How satisfied are you with…' });
		const legroom = matrix.getByRole('group', { name: '…the legroom?' });
		await expect(legroom.getByRole('radio', { name: '1', exact: true })).toHaveAttribute(
			'required'
		);
		await matrix
			.getByRole('group', { name: '…the departure?' })
			.getByRole('radio', { name: '4', exact: true })
			.check();
		await legroom.getByRole('radio', { name: 'Not applicable / don’t know' }).check();
		await page
			.getByRole('group', { name: 'Overall, how satisfied are you?' })
			.getByRole('radio', { name: '4', exact: true })
			.check();
		await page.getByRole('button', { name: 'Send answers' }).click();
		await expect(page.getByRole('status')).toHaveText('Thank you for your answers!');

		await page.context().clearCookies();
		await signIn(page, createStaff('manager'));
		await page.goto(`/responses/${responseIdOf(email)}`);
		const answers = page.locator('dl.answers');
		await expect(
			answers.locator('dt', { hasText: 'Where did you sit?' }).locator('+ dd')
		).toHaveText('Seat aisle');
		await expect(
			answers.locator('dt', { hasText: 'On which day did you fly?' }).locator('+ dd')
		).toHaveText('2026-03-14');
		await expect(answers.locator('dt', { hasText: '…the departure?' }).locator('+ dd')).toHaveText(
			'4 (1–5)'
		);
		await expect(answers.locator('dt', { hasText: '…the legroom?' }).locator('+ dd')).toHaveText(
			'Not applicable'
		);
	});
});
