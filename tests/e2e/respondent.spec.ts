import { type APIRequestContext, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import Database from 'better-sqlite3';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { randomUUID } from 'node:crypto';
import { englishOn } from './english-sentinels';
import { createApiKey, createStaff, expectAccessible, sharedServer, signIn } from './support';

const languages = ['en', 'de', 'nl', 'fi', 'ro'];
const definition = {
	defaultLanguage: 'en',
	languages,
	title: {
		en: 'How was your trip?',
		de: 'Wie war Ihre Reise?',
		nl: 'Hoe was uw reis?',
		fi: 'Millainen matkasi oli?',
		ro: 'Cum a fost călătoria?'
	},
	pages: [
		{
			id: 'page1',
			questions: [
				{
					id: 'punctuality',
					type: 'rating',
					factor: 'punctuality',
					text: { en: 'How punctual was your departure?', de: 'Wie pünktlich war Ihr Abflug?' },
					lowLabel: { en: 'Very late' },
					highLabel: { en: 'On time' }
				},
				{
					id: 'overall',
					type: 'overall',
					text: { en: 'Overall, how satisfied are you?', de: 'Wie zufrieden sind Sie insgesamt?' }
				}
			]
		},
		{
			id: 'page2',
			questions: [
				{ id: 'nps', type: 'nps', text: { en: 'How likely are you to recommend us?' } },
				{ id: 'why', type: 'text', required: false, text: { en: 'What should we improve?' } }
			]
		}
	]
};

let headers: Record<string, string>;

async function setUp(request: APIRequestContext) {
	if (headers) return;
	headers = { authorization: `Bearer ${createApiKey('manager')}` };
	const model = await (
		await request.post('/api/v1/models', {
			headers,
			data: {
				name: `Trips ${randomUUID()}`,
				factors: [{ key: 'punctuality', name: 'Punctuality', weight: 1 }]
			}
		})
	).json();
	const survey = await (
		await request.post('/api/v1/surveys', {
			headers,
			data: { name: 'Trip survey', modelId: model.id, definition }
		})
	).json();
	expect((await request.post(`/api/v1/surveys/${survey.id}/open`, { headers })).status()).toBe(200);
	surveyId = survey.id;
	modelId = model.id;
}
let surveyId = 0;
let modelId = 0;

/** A consenting client and their personal link, as another system would ask for it. */
async function invitation(
	request: APIRequestContext,
	options: { language?: string; sendAt?: string; expiresInDays?: number; survey?: number } = {}
) {
	await setUp(request);
	const email = `traveller-${randomUUID().slice(0, 8)}@e2e.test`;
	const client = await request.post('/api/v1/clients', {
		headers,
		data: { email, name: 'Traveller', language: options.language ?? 'en', consent: true }
	});
	expect(client.status()).toBe(201);
	const invited = await request.post('/api/v1/invitations', {
		headers,
		data: {
			client: { email },
			surveyId: options.survey ?? surveyId,
			...(options.sendAt ? { sendAt: options.sendAt } : {}),
			...(options.expiresInDays ? { expiresInDays: options.expiresInDays } : {})
		}
	});
	expect(invited.status()).toBe(201);
	return { email, link: new URL((await invited.json()).link).pathname };
}

function responsesOf(email: string): number {
	const db = new Database(sharedServer().database, { readonly: true });
	const row = db
		.prepare(
			'select count(*) as n from responses join clients on clients.id = responses.client_id where clients.email = ?'
		)
		.get(email) as { n: number };
	db.close();
	return row.n;
}

async function answerFirstPage(page: Page) {
	await page
		.getByRole('group', { name: 'How punctual was your departure?' })
		.getByRole('radio', { name: '4', exact: true })
		.check();
	await page
		.getByRole('group', { name: 'Overall, how satisfied are you?' })
		.getByRole('radio', { name: '5', exact: true })
		.check();
	await page.getByRole('button', { name: 'Next' }).click();
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
		test.use({ javaScriptEnabled });

		test('a client answers through their personal link and the response is stored once', async ({
			page,
			request
		}) => {
			const { email, link } = await invitation(request);
			const opened = await page.goto(link);
			expect(opened?.headers()['referrer-policy']).toBe('no-referrer');
			await expect(page.getByRole('heading', { name: 'How was your trip?' })).toBeVisible();
			await expect(page.getByText('Page 1 of 2')).toBeVisible();
			await answerFirstPage(page);
			await expect(page.getByText('Page 2 of 2')).toBeVisible();
			await page
				.getByRole('group', { name: 'How likely are you to recommend us?' })
				.getByRole('radio', { name: '9', exact: true })
				.check();
			await page.getByLabel('What should we improve?').fill('More legroom');
			await page.getByRole('button', { name: 'Send answers' }).click();
			await expect(page.getByRole('status')).toHaveText('Thank you for your answers!');
			expect(responsesOf(email)).toBe(1);

			await page.goto(link);
			await expect(
				page.getByText('You have already answered this survey. Thank you!')
			).toBeVisible();
			const again = await page.request.post(link, {
				form: { page: '1', language: 'en', go: 'forward', 'q-nps': '3' },
				headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
				maxRedirects: 0
			});
			expect(again.status()).toBe(303);
			// Every response under a personal link keeps it to itself, redirects included.
			expect(again.headers()['referrer-policy']).toBe('no-referrer');
			expect(again.headers()['cache-control']).toBe('private, no-store');
			expect(responsesOf(email)).toBe(1);
		});
	});
}

test.describe('answer checks', () => {
	test('a required question left empty is named next to the question, nothing lost', async ({
		page,
		request,
		consoleErrors
	}) => {
		const { link } = await invitation(request);
		consoleErrors.expectRefusal(link, 400);
		await page.goto(link);
		// The browser would stop the form itself; the server must check too (old browsers, tampering).
		await page.locator('form').evaluate((form) => ((form as HTMLFormElement).noValidate = true));
		await page
			.getByRole('group', { name: 'Overall, how satisfied are you?' })
			.getByRole('radio', { name: '3', exact: true })
			.check();
		await page.getByRole('button', { name: 'Next' }).click();
		await expect(page.getByRole('alert')).toHaveText('Some answers need your attention.');
		await expect(
			page.getByRole('group', { name: 'How punctual was your departure?' })
		).toContainText('Please answer this question.');
		await expect(
			page
				.getByRole('group', { name: 'Overall, how satisfied are you?' })
				.getByRole('radio', { name: '3' })
		).toBeChecked();
	});
});

test.describe('skipping pages, without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('sending the last page straight away completes nothing and points out the first page’s unanswered questions, in the client’s language', async ({
		page,
		request,
		consoleErrors
	}) => {
		const { email, link } = await invitation(request, { language: 'de' });
		consoleErrors.expectRefusal(link, 400);
		await page.goto(link);
		await expect(page.getByText('Seite 1 von 2')).toBeVisible();
		// A tampered form: it claims to be the last page and carries the last page's answer only.
		await page.locator('form').evaluate((form: HTMLFormElement) => {
			form.noValidate = true;
			(form.elements.namedItem('page') as HTMLInputElement).value = '1';
			form.insertAdjacentHTML('beforeend', '<input type="hidden" name="q-nps" value="9">');
		});
		await page.getByRole('button', { name: 'Weiter' }).click();

		await expect(page.getByRole('alert')).toHaveText(
			'Ihre Antworten sind noch nicht vollständig: Bitte beantworten Sie diese Seite, bevor Sie fortfahren.'
		);
		await expect(page.getByText('Seite 1 von 2')).toBeVisible();
		await expect(page.getByRole('group', { name: 'Wie pünktlich war Ihr Abflug?' })).toContainText(
			'Bitte beantworten Sie diese Frage.'
		);
		await expect(
			page.getByRole('group', { name: 'Wie zufrieden sind Sie insgesamt?' })
		).toContainText('Bitte beantworten Sie diese Frage.');
		expect(responsesOf(email)).toBe(0);

		// Going through the pages then completes it, with the answer sent early kept.
		await page
			.getByRole('group', { name: 'Wie pünktlich war Ihr Abflug?' })
			.getByRole('radio', { name: '4', exact: true })
			.check();
		await page
			.getByRole('group', { name: 'Wie zufrieden sind Sie insgesamt?' })
			.getByRole('radio', { name: '5', exact: true })
			.check();
		await page.getByRole('button', { name: 'Weiter' }).click();
		await expect(
			page
				.getByRole('group', { name: 'How likely are you to recommend us?' })
				.getByRole('radio', { name: '9', exact: true })
		).toBeChecked();
		await page.getByRole('button', { name: 'Antworten senden' }).click();
		await expect(page.getByRole('status')).toHaveText('Vielen Dank für Ihre Antworten!');
		expect(responsesOf(email)).toBe(1);
	});
});

test('answers are saved page by page, so the client can resume on another device', async ({
	page,
	browser,
	request
}) => {
	const { link } = await invitation(request);
	await page.goto(link);
	await answerFirstPage(page);
	await expect(page.getByText('Page 2 of 2')).toBeVisible();

	const phone = await browser.newContext({ viewport: { width: 390, height: 800 } });
	const other = await phone.newPage();
	await other.goto(link);
	await expect(other.getByText('Page 2 of 2')).toBeVisible();
	await other.getByRole('button', { name: 'Back' }).click();
	await expect(
		other
			.getByRole('group', { name: 'How punctual was your departure?' })
			.getByRole('radio', { name: '4' })
	).toBeChecked();
	await phone.close();
});

test('the page speaks the client’s language, offers the others, and passes axe in all five', async ({
	page,
	request
}) => {
	const { link } = await invitation(request, { language: 'de' });
	await page.goto(link);
	await expect(page.getByRole('heading', { name: 'Wie war Ihre Reise?' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Weiter' })).toBeVisible();
	await expect(page.getByRole('group', { name: 'Wie pünktlich war Ihr Abflug?' })).toBeVisible();
	for (const language of languages) {
		await page.goto(`${link}?lang=${language}`);
		await expect(page.locator('main')).toHaveAttribute('lang', language);
		await expectAccessible(page);
	}
	await page.goto(`${link}?lang=fi`);
	await expect(page.getByRole('button', { name: 'Seuraava' })).toBeVisible();
	await expect(page.getByText('Sivu 1/2')).toBeVisible();
});

test('stock labels and the character counter speak the page’s language, in its plural forms (#19)', async ({
	page,
	request
}) => {
	const { link: german } = await invitation(request, { language: 'de' });
	await page.goto(german);
	const overall = page.getByRole('group', { name: 'Wie zufrieden sind Sie insgesamt?' });
	await expect(overall).toContainText('Völlig unzufrieden');
	await expect(overall).toContainText('Völlig zufrieden');
	// A label the survey words itself, not translated, stays as written.
	await expect(page.getByRole('group', { name: 'Wie pünktlich war Ihr Abflug?' })).toContainText(
		'Very late'
	);

	const { link } = await invitation(request, { language: 'ro' });
	await page.goto(link);
	await expect(page.getByRole('group', { name: 'Overall, how satisfied are you?' })).toContainText(
		'Complet nemulțumit'
	);
	for (const [question, score] of [
		['How punctual was your departure?', '4'],
		['Overall, how satisfied are you?', '5']
	] as const)
		await page
			.getByRole('group', { name: question })
			.getByRole('radio', { name: score, exact: true })
			.check();
	await page.getByRole('button', { name: 'Înainte' }).click();
	await expect(
		page.getByRole('group', { name: 'How likely are you to recommend us?' })
	).toContainText('Deloc probabil');
	const comment = page.getByRole('textbox', { name: 'What should we improve?' });
	const max = Number(await comment.getAttribute('maxlength'));
	const counter = page.locator('.counter');
	await expect(counter).toHaveText(`Mai aveți ${max} de caractere`);
	await comment.fill('x'.repeat(max - 1));
	await expect(counter).toHaveText('Mai aveți 1 caracter');
	await comment.fill('x'.repeat(max - 5));
	await expect(counter).toHaveText('Mai aveți 5 caractere');
	await comment.fill('x'.repeat(max - 21));
	await expect(counter).toHaveText('Mai aveți 21 de caractere');
});

/** A survey worded in all five languages, leaving every stock text to Satisfy. */
const everyLanguage = (en: string, de: string, nl: string, fi: string, ro: string) => ({
	en,
	de,
	nl,
	fi,
	ro
});
const translatedDefinition = {
	defaultLanguage: 'en',
	languages,
	title: everyLanguage('Your flight', 'Ihr Flug', 'Uw vlucht', 'Lentosi', 'Zborul dumneavoastră'),
	pages: [
		{
			id: 'rate',
			questions: [
				{
					id: 'overall',
					type: 'overall',
					text: everyLanguage(
						'Overall satisfaction',
						'Gesamtzufriedenheit',
						'Algemene tevredenheid',
						'Kokonaistyytyväisyys',
						'Satisfacția generală'
					)
				}
			]
		},
		{
			id: 'more',
			questions: [
				{
					id: 'nps',
					type: 'nps',
					required: false,
					text: everyLanguage(
						'Recommend us?',
						'Empfehlen?',
						'Aanbevelen?',
						'Suosittelisitko?',
						'Recomandare?'
					)
				},
				{
					id: 'why',
					type: 'text',
					required: false,
					text: everyLanguage(
						'Anything else?',
						'Sonst noch etwas?',
						'Nog iets?',
						'Muuta?',
						'Altceva?'
					)
				}
			]
		}
	]
};

test('the whole respondent flow speaks each language, with no English sentence left (#19)', async ({
	page,
	request,
	consoleErrors
}) => {
	await setUp(request);
	const survey = await (
		await request.post('/api/v1/surveys', {
			headers,
			data: { name: 'Flight survey', modelId, definition: translatedDefinition }
		})
	).json();
	expect((await request.post(`/api/v1/surveys/${survey.id}/open`, { headers })).status()).toBe(200);
	for (const language of languages.filter((tag) => tag !== 'en')) {
		const { link } = await invitation(request, { language, survey: survey.id });
		const expectNoEnglish = async (step: string) =>
			expect.soft(await englishOn(page, language), `${step} in ${language}`).toEqual([]);
		await page.goto(link);
		await expect(page.locator('main')).toHaveAttribute('lang', language);
		await expectNoEnglish('first page');
		// A required question left out: the server's error, in the same language.
		consoleErrors.expectRefusal(link, 400);
		await page.locator('form').evaluate((form) => ((form as HTMLFormElement).noValidate = true));
		await page.locator('main form button[type=submit]').last().click();
		await expect(page.locator('main [role=alert]').first()).toBeVisible();
		await expectNoEnglish('first page with an error');
		await page.getByRole('radio', { name: '4', exact: true }).check();
		await page.locator('main form button[type=submit]').last().click();
		await expect(page.locator('textarea')).toBeVisible();
		await expectNoEnglish('second page');
		await page.locator('main form button[type=submit]').last().click();
		await expect(page.getByRole('status')).toBeVisible();
		await expectNoEnglish('thank-you');
		for (const part of ['profile', 'unsubscribe']) {
			await page.goto(`${link}/${part}`);
			await expectNoEnglish(part);
		}
	}
});

test('the thank-you after the last page is in the language the client answered in, and passes axe', async ({
	page,
	request
}) => {
	const { link } = await invitation(request, { language: 'en' });
	await page.goto(`${link}?lang=fi`);
	await page
		.getByRole('group', { name: 'How punctual was your departure?' })
		.getByRole('radio', { name: '4', exact: true })
		.check();
	await page
		.getByRole('group', { name: 'Overall, how satisfied are you?' })
		.getByRole('radio', { name: '5', exact: true })
		.check();
	await page.getByRole('button', { name: 'Seuraava' }).click();
	await page
		.getByRole('group', { name: 'How likely are you to recommend us?' })
		.getByRole('radio', { name: '9', exact: true })
		.check();
	await page.getByRole('button', { name: 'Lähetä vastaukset' }).click();
	await expect(page.getByRole('status')).toHaveText('Kiitos vastauksistasi!');
	await expect(page.locator('main')).toHaveAttribute('lang', 'fi');
	await expectAccessible(page);
	// Reloading the thank-you sends nothing again.
	await page.reload();
	await expect(page.getByRole('status')).toHaveText('Kiitos vastauksistasi!');
});

test('an expired link and an unknown link say so without revealing anything', async ({
	page,
	request,
	consoleErrors
}) => {
	const { link } = await invitation(request, {
		sendAt: new Date(Date.now() - 40 * 86_400_000).toISOString(),
		expiresInDays: 30
	});
	await page.goto(link);
	await expect(page.getByText('This link has expired. Thank you for your interest.')).toBeVisible();
	await expectAccessible(page);

	const unknownLink = `/s/${'a'.repeat(52)}`;
	consoleErrors.expectRefusal(unknownLink, 404);
	const unknown = await page.goto(unknownLink);
	expect(unknown?.status()).toBe(404);
	expect(unknown?.headers()['referrer-policy']).toBe('no-referrer');
	await expect(page.getByText('This link is not valid.')).toBeVisible();
});

test('triggered invitations obey the survey-fatigue rule and skip unsubscribed clients, saying why', async ({
	request
}) => {
	const { email } = await invitation(request);
	const again = await request.post('/api/v1/invitations', {
		headers,
		data: { client: { email }, surveyId }
	});
	expect(again.status()).toBe(409);
	expect((await again.json()).error.message).toContain('survey-fatigue rule');

	const gone = `gone-${randomUUID().slice(0, 8)}@e2e.test`;
	await request.post('/api/v1/clients', {
		headers,
		data: { email: gone, name: 'Gone', language: 'en', consent: true, unsubscribed: true }
	});
	const skipped = await request.post('/api/v1/invitations', {
		headers,
		data: { client: { email: gone }, surveyId }
	});
	expect(skipped.status()).toBe(409);
	expect((await skipped.json()).error.message).toBe('The client has unsubscribed from surveys.');
});

test('from the same link a client updates their details, changes language and unsubscribes', async ({
	page,
	request
}) => {
	const { email, link } = await invitation(request);
	await page.goto(link);
	await page.getByRole('link', { name: 'Your details and survey preferences' }).click();
	await expect(page.getByRole('heading', { name: 'Your details' })).toBeVisible();
	await expectAccessible(page);
	await page.getByLabel('Phone').fill('+31 20 555 0100');
	await page.getByLabel('Preferred language').selectOption('nl');
	await page.getByLabel('Unsubscribe: never send me surveys again').check();
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status')).toHaveText('Opgeslagen. Bedankt!');

	const client = (
		await (
			await request.get(`/api/v1/clients?search=${encodeURIComponent(email)}`, { headers })
		).json()
	).items[0];
	expect(client).toMatchObject({
		phone: '+31 20 555 0100',
		language: 'nl',
		unsubscribedAt: expect.any(String)
	});
});

test('a public link lets anyone answer anonymously, once per browser', async ({
	page,
	browser,
	request
}) => {
	await setUp(request);
	await signIn(page, createStaff('manager'));
	await page.goto(`/surveys/${surveyId}`, { waitUntil: 'networkidle' });
	await page.getByRole('button', { name: 'Create a public link' }).click();
	const publicLink = (await page
		.getByRole('region', { name: 'Public link' })
		.locator('code')
		.textContent())!;
	const link = new URL(publicLink).pathname;

	// Its QR code, for counters and receipts (#20): shown, and as PNG scanning as the link.
	const qr = page.getByRole('img', { name: 'QR code of the public link' });
	await expect(qr).toBeVisible();
	// Visible once laid out (its size is set), loaded a moment later: its width is known then.
	await expect
		.poll(() => qr.evaluate((image: HTMLImageElement) => (image.complete ? image.naturalWidth : 0)))
		.toBeGreaterThan(0);
	const png = await page.request.get(
		(await page.getByRole('link', { name: 'PNG' }).getAttribute('href'))!
	);
	expect(png.headers()['content-type']).toBe('image/png');
	const image = PNG.sync.read(await png.body());
	expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(publicLink);

	const visitor = await browser.newContext();
	const anonymous = await visitor.newPage();
	await anonymous.goto(link);
	await expectAccessible(anonymous);
	await anonymous.getByRole('button', { name: 'Start the survey' }).click();
	await expect(anonymous).toHaveURL(/\/s\/[a-z2-7]{52}$/);
	await expect(
		anonymous.getByRole('link', { name: 'Your details and survey preferences' })
	).toHaveCount(0);
	await answerFirstPage(anonymous);
	await anonymous
		.getByRole('group', { name: 'How likely are you to recommend us?' })
		.getByRole('radio', { name: '10', exact: true })
		.check();
	await anonymous.getByRole('button', { name: 'Send answers' }).click();
	await expect(anonymous.getByRole('status')).toHaveText('Thank you for your answers!');

	await anonymous.goto(link);
	await expect(
		anonymous.getByText('You have already answered this survey. Thank you!')
	).toBeVisible();
	await visitor.close();

	const db = new Database(sharedServer().database, { readonly: true });
	const anonymousResponses = db
		.prepare(
			"select count(*) as n from responses join invitations on invitations.response_id = responses.id where invitations.channel = 'public' and responses.client_id is null"
		)
		.get() as { n: number };
	db.close();
	expect(anonymousResponses.n).toBe(1);
});

test('a one-click answer in the link is saved at once: closing the page loses nothing, and the page carries on', async ({
	page,
	request
}) => {
	const { email, link } = await invitation(request);
	await page.goto(`${link}?q-overall=5`);
	const overall = page.getByRole('group', { name: 'Overall, how satisfied are you?' });
	await expect(overall.getByRole('radio', { name: '5', exact: true })).toBeChecked();
	await expect(page.getByRole('status')).toContainText('your answer is saved');
	// The client closed the page; their link still knows the answer.
	await page.goto(link);
	await expect(overall.getByRole('radio', { name: '5', exact: true })).toBeChecked();
	await expect(page.getByRole('status')).toHaveCount(0);
	// A value the scale does not offer changes nothing.
	await page.goto(`${link}?q-overall=9`);
	await expect(overall.getByRole('radio', { name: '5', exact: true })).toBeChecked();
	// Partial until the client sends the survey.
	expect(responsesOf(email)).toBe(0);
});

test('a mail scanner opening every one-click link of an email sets no answer', async ({
	page,
	request
}) => {
	const { link } = await invitation(request);
	// What link checkers do as an email arrives: HEAD requests, then every link within a second.
	expect((await request.head(`${link}?q-overall=1`)).status()).toBe(200);
	for (const score of ['1', '2', '3', '4', '5'])
		expect((await request.get(`${link}?q-overall=${score}`)).status()).toBe(200);
	await page.goto(link);
	const overall = page.getByRole('group', { name: 'Overall, how satisfied are you?' });
	await expect(overall.getByRole('radio', { checked: true })).toHaveCount(0);
});

test('the profile page names the address only masked, as a forwarded link may reach someone else', async ({
	page,
	request
}) => {
	const { email, link } = await invitation(request);
	await page.goto(`${link}/profile`);
	await expect(page.getByText('t•••@e•••.test')).toBeVisible();
	await expect(page.locator('body')).not.toContainText(email);
});
