import { type Locator, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { createApiKey, createStaff, expectAccessible, signIn } from './support';

/** Moves focus with the Tab key alone until it reaches the target: proves it is keyboard-reachable. */
async function tabTo(page: Page, target: Locator, limit = 400) {
	await target.waitFor();
	for (let presses = 0; presses < limit; presses++) {
		if (await target.evaluate((element) => element === document.activeElement)) return;
		await page.keyboard.press('Tab');
	}
	throw new Error(`Could not reach ${target} with the Tab key`);
}

async function chooseWithKeyboard(page: Page, select: Locator, label: string) {
	await tabTo(page, select);
	// As many presses as the list has options: other suites on the shared server add models too.
	const options = await select.locator('option').count();
	for (let presses = 0; presses <= options; presses++) {
		const chosen = await select.evaluate(
			(element) => (element as HTMLSelectElement).selectedOptions[0]?.textContent ?? ''
		);
		if (chosen.trim() === label) return;
		await page.keyboard.press('ArrowDown');
	}
	throw new Error(`Option "${label}" not reached`);
}

/** Signs a manager in and creates a survey from the NPS template, leaving the page on its builder. */
async function surveyFromTemplate(page: Page) {
	await signIn(page, createStaff('manager'));
	await page.goto('/surveys', { waitUntil: 'networkidle' });
	await page.getByLabel(/NPS \+ reasons/).check();
	await page.getByRole('button', { name: 'Create from template' }).click();
	await page.waitForURL(/\/surveys\/\d+$/);
}

test('a manager builds a five-question survey with the keyboard alone, previews it and opens it', async ({
	page,
	request
}) => {
	// Hundreds of Tab presses: slow by nature, so this scenario gets more time than the default.
	test.setTimeout(120_000);
	const created = await request.post('/api/v1/models', {
		headers: { authorization: `Bearer ${createApiKey('manager')}` },
		data: {
			name: 'Keyboard airline',
			factors: [
				{ key: 'punctuality', name: 'Punctual departure', weight: 3 },
				{ key: 'safety', name: 'Safety', weight: 2 }
			]
		}
	});
	expect(created.status()).toBe(201);

	await signIn(page, createStaff('manager'));
	await page.goto('/surveys', { waitUntil: 'networkidle' });
	const scratch = page.getByRole('region', { name: 'Start from scratch' });
	await tabTo(page, scratch.getByLabel('Survey name'));
	await page.keyboard.type('Keyboard survey');
	await chooseWithKeyboard(page, scratch.getByLabel('CSI model'), 'Keyboard airline');
	await tabTo(page, scratch.getByRole('button', { name: 'Create survey' }));
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Keyboard survey', level: 1 })).toBeVisible();
	await page.waitForLoadState('networkidle');

	const addQuestion = async (label: string) => {
		await chooseWithKeyboard(page, page.getByLabel('Add to page 1'), label);
		await tabTo(page, page.getByRole('button', { name: 'Add question to page 1' }));
		await page.keyboard.press('Enter');
	};
	const questions = page.getByRole('region', { name: 'Page 1' }).getByRole('listitem');
	await addQuestion('Rating 1–5');
	await expect(questions).toHaveCount(2);
	await addQuestion('Rating 1–5');
	await expect(questions).toHaveCount(3);
	await addQuestion('NPS 0–10');
	await expect(questions).toHaveCount(4);
	await addQuestion('Open text');
	await expect(questions).toHaveCount(5);
	await expect(page.getByRole('region', { name: 'To fix before opening' })).toContainText(
		'the rating question has no factor'
	);

	for (const [number, factor, text] of [
		[2, 'Punctual departure', 'How punctual was your departure?'],
		[3, 'Safety', 'How safe did you feel?']
	] as const) {
		await tabTo(page, page.getByText(`Edit question ${number}`));
		await page.keyboard.press('Enter');
		const textBox = page.getByLabel(`Question ${number} text`);
		await tabTo(page, textBox);
		await page.keyboard.press('ControlOrMeta+A');
		await page.keyboard.type(text);
		await chooseWithKeyboard(page, page.locator(`#q${number}-factor`), factor);
		await tabTo(page, page.getByRole('button', { name: `Save question ${number}` }));
		await page.keyboard.press('Enter');
		await expect(page.getByRole('status')).toHaveText('Saved.');
	}

	// Reorder: the open question moves above the NPS question.
	await tabTo(page, page.getByRole('button', { name: 'Move up question 5' }));
	await page.keyboard.press('Enter');
	await expect(questions.nth(3)).toContainText('Open text');

	const preview = page.getByRole('complementary', { name: 'Preview' });
	await expect(preview.getByRole('group')).toHaveCount(5);
	await expect(
		preview.getByRole('group', { name: 'How punctual was your departure?' }).getByRole('radio')
	).toHaveCount(5);
	await tabTo(page, preview.getByRole('link', { name: 'Phone width' }));
	await page.keyboard.press('Enter');
	await expect(preview.getByRole('link', { name: 'Full width' })).toBeVisible();
	await expectAccessible(page);

	await tabTo(page, page.getByRole('button', { name: 'Open for answers' }));
	await page.keyboard.press('Enter');
	await expect(page.getByRole('status')).toHaveText('The survey is open.');
	await expect(page.getByRole('button', { name: 'Close' })).toBeVisible();
});

test('a survey from a template can be translated; missing translations fall back and are counted', async ({
	page
}) => {
	await surveyFromTemplate(page);
	await page.waitForLoadState('networkidle');
	await page.getByRole('textbox', { name: 'Languages' }).fill('de, nl, es');
	await page.getByRole('button', { name: 'Save texts' }).click();
	await expect(page.getByRole('link', { name: 'German' }).first()).toBeVisible();
	await expect(page.getByText(/\d+ missing/).first()).toBeVisible();

	await page.getByRole('link', { name: 'German' }).first().click();
	await expect(page.getByRole('heading', { name: 'Translations' })).toBeVisible();
	await expectAccessible(page);
	// Satisfy words its own texts in German; in Spanish it says which fall back to English.
	const stock = page.getByRole('region', { name: 'Satisfy’s own texts' });
	await expect(stock).toContainText('German: Satisfy speaks it; all its texts appear in German.');
	await expect(stock).toContainText('Spanish: Satisfy does not speak it');
	await expect(stock.getByRole('listitem').filter({ hasText: /^the “Next” button$/ })).toHaveCount(
		1
	);
	const first = page.getByRole('textbox').first();
	await first.fill('Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?');
	await page.getByRole('button', { name: 'Save German translations' }).click();
	await expect(page.getByRole('status')).toContainText('Translations saved');
});

test('a viewer is offered no surveys, and is refused them and their changes', async ({
	page,
	request,
	consoleErrors
}) => {
	consoleErrors.expectRefusal('/surveys', 403);
	const surveys = await (
		await request.get('/api/v1/surveys', {
			headers: { authorization: `Bearer ${createApiKey('manager')}` }
		})
	).json();
	const keyboard = (surveys.items as { id: number; name: string }[]).find(
		(survey) => survey.name === 'Keyboard survey'
	)!;
	await signIn(page, createStaff('viewer'));
	await expect(
		page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Surveys' })
	).toHaveCount(0);
	expect((await page.goto('/surveys'))?.status()).toBe(403);
	expect(
		(
			await page.request.get(`/surveys/${keyboard.id}/__data.json?x-sveltekit-invalidated=01`)
		).status()
	).toBe(403);
	const response = await page.request.post(`/surveys/${keyboard.id}?/addQuestion`, {
		form: { pageIndex: '0', type: 'nps' },
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' }
	});
	expect(response.status()).toBe(403);
});

test('a status change the survey does not know is refused and changes nothing', async ({
	page
}) => {
	await surveyFromTemplate(page);
	for (const action of ['delete', '__proto__', '']) {
		const response = await page.request.post(`${page.url()}?/status`, {
			form: { action },
			headers: { origin: new URL(page.url()).origin, accept: 'text/html' }
		});
		expect(response.status()).toBe(400);
		expect(await response.text()).toContain('Unknown action.');
	}
	await page.reload({ waitUntil: 'networkidle' });
	await expect(page.getByRole('button', { name: 'Open for answers' })).toBeVisible();
});
