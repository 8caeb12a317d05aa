import { type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';
import { createApiKey } from './support';

/** Every question type on one page, with the longest words a client may meet. */
const definition = {
	defaultLanguage: 'en',
	languages: ['en'],
	title: { en: 'Every question on a phone' },
	pages: [
		{
			id: 'all',
			questions: [
				{
					id: 'punctuality',
					type: 'rating',
					factor: 'punctuality',
					allowNotApplicable: true,
					text: { en: 'How punctual was your departure?' },
					lowLabel: { en: 'Very late' },
					highLabel: { en: 'On time' }
				},
				{ id: 'overall', type: 'overall', text: { en: 'Overall, how satisfied are you?' } },
				{
					id: 'matters',
					type: 'importance',
					factor: 'punctuality',
					text: { en: 'How much does punctuality matter?' }
				},
				{ id: 'nps', type: 'nps', text: { en: 'How likely are you to recommend us?' } },
				{
					id: 'seat',
					type: 'single',
					shuffleOptions: true,
					text: { en: 'Where did you sit?' },
					options: [
						{ id: 'window', label: { en: 'Window' } },
						{ id: 'aisle', label: { en: 'Aisle' } },
						{ id: 'middle', label: { en: 'Middle, between two strangers, for the whole flight' } }
					]
				},
				{
					id: 'extras',
					type: 'multiple',
					text: { en: 'What did you buy on board?' },
					options: [
						{ id: 'snacks', label: { en: 'Snacks' } },
						{ id: 'drinks', label: { en: 'Drinks' } },
						{ id: 'wifi', label: { en: 'Wi-Fi' } }
					]
				},
				{
					id: 'flown',
					type: 'date',
					text: { en: 'On which day did you fly?' },
					earliest: '2026-01-01',
					latest: '2026-12-31'
				},
				{
					id: 'trip',
					type: 'matrix',
					text: { en: 'How satisfied are you with…' },
					allowNotApplicable: true,
					lowLabel: { en: 'Very dissatisfied' },
					highLabel: { en: 'Very satisfied' },
					rows: [
						{ id: 'departure', factor: 'punctuality', text: { en: '…the departure?' } },
						{
							id: 'arrival',
							factor: 'punctuality',
							text: { en: '…the arrival, including the walk to the baggage reclaim hall?' }
						}
					]
				},
				{ id: 'why', type: 'text', required: false, text: { en: 'What should we improve?' } }
			]
		}
	]
};

let link = '';

test.beforeAll(async ({ request }) => {
	const headers = { authorization: `Bearer ${createApiKey('manager')}` };
	const model = await (
		await request.post('/api/v1/models', {
			headers,
			data: {
				name: `Phones ${randomUUID()}`,
				factors: [{ key: 'punctuality', name: 'Punctuality', weight: 1 }]
			}
		})
	).json();
	const created = await request.post('/api/v1/surveys', {
		headers,
		data: { name: 'Phone fit', modelId: model.id, definition }
	});
	expect(created.status(), await created.text()).toBe(201);
	const survey = await created.json();
	expect((await request.post(`/api/v1/surveys/${survey.id}/open`, { headers })).status()).toBe(200);
	const email = `phone-${randomUUID().slice(0, 8)}@e2e.test`;
	expect(
		(
			await request.post('/api/v1/clients', {
				headers,
				data: { email, name: 'Phone', language: 'en', consent: true }
			})
		).status()
	).toBe(201);
	const invited = await request.post('/api/v1/invitations', {
		headers,
		data: { client: { email }, surveyId: survey.id }
	});
	link = new URL((await invited.json()).link).pathname;
});

/**
 * Controls whose click target is under 24×24 CSS pixels (WCAG 2.2 AA, 2.5.8): the label that holds
 * a control is its target, and a radio button or checkbox drawn as itself must be that big too.
 */
function smallTargets(page: Page) {
	return page
		.locator('main input:not([type=hidden]), main textarea, main button')
		.evaluateAll((controls) =>
			controls.flatMap((control) => {
				const input = control as HTMLInputElement;
				const boxes = [control.closest('label') ?? control];
				if (getComputedStyle(control).opacity !== '0') boxes.push(control);
				return boxes.flatMap((box) => {
					const { width, height } = box.getBoundingClientRect();
					return width < 24 || height < 24
						? [
								`${box.tagName} ${input.name}=${input.value}: ${Math.round(width)}×${Math.round(height)}`
							]
						: [];
				});
			})
		);
}

for (const width of [320, 360, 390]) {
	test(`every question type fits a ${width} px phone, with targets of 24 px and more (#20)`, async ({
		browser
	}) => {
		const phone = await browser.newContext({ viewport: { width, height: 780 } });
		const page = await phone.newPage();
		await page.goto(link);
		await expect(page.getByRole('heading', { name: 'Every question on a phone' })).toBeVisible();
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow, 'horizontal scrolling').toBe(0);
		expect(await smallTargets(page)).toEqual([]);
		const axe = await new AxeBuilder({ page })
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
			.analyze();
		expect(axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);

		await page
			.getByRole('group', { name: 'How likely are you to recommend us?' })
			.getByRole('radio', { name: '10', exact: true })
			.check();
		await expect(
			page
				.getByRole('group', { name: 'How likely are you to recommend us?' })
				.getByRole('radio', { name: '10', exact: true })
		).toBeChecked();
		await phone.close();
	});
}
