import { type APIRequestContext, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { randomUUID } from 'node:crypto';
import { createApiKey, createStaff, expectAccessible, signIn } from './support';

const definition = {
	defaultLanguage: 'en',
	languages: ['en'],
	title: { en: 'How was your flight?' },
	pages: [
		{
			id: 'flight',
			questions: [
				{
					id: 'punctuality',
					type: 'rating',
					factor: 'punctuality',
					text: { en: 'How punctual was your departure?' }
				},
				{ id: 'safety', type: 'rating', factor: 'safety', text: { en: 'How safe did you feel?' } },
				{ id: 'overall', type: 'overall', text: { en: 'Overall, how satisfied are you?' } },
				{ id: 'why', type: 'text', required: false, text: { en: 'Anything to tell us?' } }
			]
		}
	]
};

/**
 * A March of its own per worker (a worker that restarts after a failure sets up again), so the CSI
 * view, which reads reviews of every source, counts only these.
 */
const year = 2001 + Math.floor(Math.random() * 20);
const march = { from: `${year}-03-01`, to: `${year}-03-31`, label: `Mar ${year}` };

/**
 * March, through the API. Open answers: one negative from Sentinel Traveller ("terribly late",
 * about punctuality) and two positive. Reviews of one source of its own: a negative one by the same
 * client (a delay), a positive one (on time) and a Japanese one, which has no word list and stays
 * unscored. Answers: 67% positive, 33% negative of 3; reviews: 50% / 50% of 2, 1 not scored.
 */
async function textsInMarch(request: APIRequestContext) {
	const headers = { authorization: `Bearer ${createApiKey('manager')}` };
	const model = await request.post('/api/v1/models', {
		headers,
		data: {
			name: `Sentiment flights ${randomUUID()}`,
			factors: [
				{
					key: 'punctuality',
					name: 'Punctuality',
					weight: 2,
					keywords: ['late', 'delay', 'on time']
				},
				{ key: 'safety', name: 'Safety', weight: 1 }
			]
		}
	});
	expect(model.status()).toBe(201);
	const survey = await request.post('/api/v1/surveys', {
		headers,
		data: {
			name: `Sentiment flights ${randomUUID().slice(0, 8)}`,
			modelId: (await model.json()).id,
			definition
		}
	});
	expect(survey.status()).toBe(201);
	const surveyId: number = (await survey.json()).id;
	const email = `sentinel-${randomUUID().slice(0, 8)}@e2e.test`;
	expect(
		(
			await request.post('/api/v1/clients', {
				headers,
				data: { email, name: 'Sentinel Traveller', language: 'en' }
			})
		).status()
	).toBe(201);

	const answer = (day: string, why: string, client?: string) => ({
		submittedAt: `${year}-03-${day}T10:00:00Z`,
		...(client ? { email: client } : {}),
		language: 'en',
		answers: { punctuality: 3, safety: 4, overall: 4, why }
	});
	const responses = await request.post(`/api/v1/surveys/${surveyId}/responses`, {
		headers,
		data: {
			responses: [
				answer('03', 'The flight was terribly late and the staff were rude.', email),
				answer('04', 'Wonderful crew and excellent service, thank you!'),
				answer('05', 'Great flight, friendly and helpful staff.')
			]
		}
	});
	expect(responses.status()).toBe(201);

	const source = `e2e-sentiment-${randomUUID().slice(0, 8)}`;
	const review = (
		externalId: string,
		day: string,
		stars: number,
		text: string,
		language: string,
		client?: string
	) => ({
		source,
		externalId,
		stars,
		text,
		date: `${year}-03-${day}`,
		language,
		...(client ? { email: client } : {})
	});
	const reviews = await request.post('/api/v1/reviews', {
		headers,
		data: {
			reviews: [
				review('delay', '10', 1, 'Awful delay, lost luggage, terrible experience.', 'en', email),
				review('on-time', '11', 5, 'Excellent service, lovely people, always on time.', 'en'),
				review('japanese', '12', 5, 'とても良いフライトでした。ありがとう', 'ja')
			]
		}
	});
	expect(reviews.status()).toBe(200);
	expect(await reviews.json()).toMatchObject({
		created: 3,
		linked: 1,
		sentiment: { positive: 1, negative: 1, notScored: 1 }
	});
	return { surveyId, source };
}

let setUp: Promise<{ surveyId: number; source: string }> | undefined;

/** Other suites add answers and reviews to the shared database: every view names this survey and month (and on the sentiment page, this source). */
async function viewOf(page: Page, path: '/dashboard' | '/dashboard/sentiment', params = '') {
	const { surveyId, source } = await (setUp ??= textsInMarch(page.request));
	const reviewSource = path === '/dashboard/sentiment' ? `&reviewSource=${source}` : '';
	await page.goto(
		`${path}?surveyId=${surveyId}&from=${march.from}&to=${march.to}${reviewSource}${params}`,
		{ waitUntil: 'networkidle' }
	);
	return { surveyId, source };
}

test.describe('the sentiment dashboard', () => {
	test('counts the tone of answers and reviews, keeps unscored texts apart, and passes axe', async ({
		page
	}) => {
		await signIn(page, createStaff('viewer'));
		await viewOf(page, '/dashboard/sentiment');
		await expect(page.getByRole('heading', { name: 'Sentiment of texts', level: 1 })).toBeVisible();
		await expect(
			page.getByRole('link', { name: 'Sentiment of texts', exact: true })
		).toHaveAttribute('aria-current', 'page');

		const tone = page.getByRole('region', { name: 'Tone of the texts' });
		await expect(tone.getByRole('definition').nth(0)).toContainText(
			'67% positive · 33% negative of 3 scored texts'
		);
		await expect(tone.getByRole('definition').nth(1)).toContainText(
			'50% positive · 50% negative of 2 scored texts; 1 not scored'
		);
		await expect(tone.getByRole('definition').nth(2)).toContainText(
			'60% positive · 40% negative of 5 scored texts; 1 not scored'
		);
		await tone.getByText('Show the numbers behind this chart').click();
		const distribution = tone.getByRole('table', { name: /Texts per tone/ });
		await expect(distribution.getByRole('row', { name: /^Not scored/ })).toContainText('1 (33%)');
		await expect(distribution.getByRole('row', { name: /^Neutral/ })).toContainText('0 (0%)');
		await expect(tone.getByRole('img')).toHaveAttribute(
			'aria-label',
			/Reviews: positive 1, neutral 0, negative 1, not scored 1/
		);

		const trend = page.getByRole('region', { name: 'Positive and negative share by month' });
		await trend.getByText('Show the numbers behind this chart').click();
		await expect(trend.getByRole('row', { name: new RegExp(`^${march.label}`) })).toContainText(
			'67%'
		);

		const factors = page.getByRole('region', { name: 'Factors: tone beside the score' });
		// Punctuality: rated 3 by all three (score 50), mentioned negatively twice and positively once.
		await expect(factors.getByRole('row', { name: /Punctuality/ }).getByRole('cell')).toHaveText([
			/^50\.0/,
			'3',
			'1',
			'0',
			'2',
			'−33%',
			/^−0\.\d\d\s*negative$/
		]);

		await expect(page.getByRole('region', { name: `Top terms, ${march.label}` })).toContainText(
			'luggage'
		);
		await expectAccessible(page);
	});

	test('lists the latest negative comments with their words, linked to the client card for those who may open it', async ({
		page,
		browser
	}) => {
		const viewerContext = await browser.newContext();
		const viewer = await viewerContext.newPage();
		await signIn(viewer, createStaff('viewer'));
		await viewOf(viewer, '/dashboard/sentiment');
		const viewersComment = viewer
			.getByRole('region', { name: 'Latest negative comments' })
			.getByRole('listitem')
			.filter({ hasText: 'terribly late' });
		await expect(viewersComment).toContainText('Sentinel Traveller');
		await expect(viewersComment.getByRole('link', { name: 'Sentinel Traveller' })).toHaveCount(0);
		await viewerContext.close();

		await signIn(page, createStaff('manager'));
		const { source } = await viewOf(page, '/dashboard/sentiment');
		const comments = page
			.getByRole('region', { name: 'Latest negative comments' })
			.getByRole('listitem');
		await expect(comments).toHaveCount(2);
		const review = comments.filter({ hasText: 'Awful delay' });
		await expect(review).toContainText(/Words that drove it: .*awful −3\.0/);
		await expect(
			review.getByRole('link', { name: 'negative reviews of that day' })
		).toHaveAttribute(
			'href',
			`/reviews?sentiment=negative&from=${year}-03-10&to=${year}-03-10&source=${source}`
		);
		const answer = comments.filter({ hasText: 'terribly late' });
		await expect(answer.getByRole('link', { name: /^response \d+$/ })).toBeVisible();
		await answer.getByRole('link', { name: 'Sentinel Traveller' }).click();
		await expect(page).toHaveURL(/\/clients\/\d+$/);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Sentinel Traveller');
	});

	test('keeps its filters, its own included, through a reload and into the CSI view', async ({
		page
	}) => {
		await signIn(page, createStaff('viewer'));
		const { surveyId } = await viewOf(page, '/dashboard/sentiment');
		await page.getByLabel('Texts', { exact: true }).selectOption('answers');
		await expect(page).toHaveURL(/texts=answers/);
		const tone = page.getByRole('region', { name: 'Tone of the texts' });
		await expect(tone.getByRole('term')).toHaveText(['Open answers']);

		await page.reload({ waitUntil: 'networkidle' });
		await expect(page.getByLabel('Texts', { exact: true })).toHaveValue('answers');
		await expect(page.getByLabel('From')).toHaveValue(march.from);
		await expect(page.getByLabel('Review source')).not.toHaveValue('');
		await expect(tone.getByRole('definition')).toHaveText(
			/67% positive · 33% negative of 3 scored texts/
		);

		await page.getByRole('link', { name: 'Satisfaction (CSI)' }).click();
		await expect(page).toHaveURL(
			new RegExp(
				`/dashboard\\?surveyId=${surveyId}&from=${march.from}&to=${march.to}.*texts=answers`
			)
		);
		await expect(page.getByRole('region', { name: 'Customer Satisfaction Index' })).toContainText(
			'n = 3'
		);
	});

	test('the CSI view shows each factor’s tone and the campaigns’ funnel', async ({ page }) => {
		await signIn(page, createStaff('viewer'));
		await viewOf(page, '/dashboard');
		const punctuality = page
			.getByRole('region', { name: 'Factors' })
			.getByRole('row', { name: /Punctuality/ });
		await expect(punctuality).toContainText('1 positive, 2 negative');
		const funnels = page.getByRole('region', { name: 'Response funnel per campaign' });
		await expect(funnels).toContainText(
			'No campaign of the surveys in view has sent invitations within these dates.'
		);
		await expect(
			page.getByRole('link', { name: 'Sentiment of texts', exact: true })
		).toHaveAttribute(
			'href',
			new RegExp(`^/dashboard/sentiment\\?surveyId=\\d+&from=${march.from}&to=${march.to}$`)
		);
		await expectAccessible(page);
	});
});
