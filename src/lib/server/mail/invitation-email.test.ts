import { describe, expect, it } from 'vitest';
import { surveyDefinitionSchema } from '../../schemas/survey';
import { DEFAULT_BRANDING } from '../branding/read';
import { invitationEmail } from './invitation-email';

const definition = surveyDefinitionSchema.parse({
	defaultLanguage: 'en',
	languages: ['en', 'nl'],
	title: { en: 'Support check', nl: 'Supportcheck' },
	email: {
		subject: { en: '{{survey.title}} for {{client.name}}' },
		body: { en: 'Hi {{client.name}},\n\nplease answer: {{link}}\n\n{{accountManager.name}}' }
	},
	pages: [
		{
			id: 'p1',
			questions: [
				{
					id: 'overall',
					type: 'overall',
					text: { en: 'Overall?' },
					lowLabel: { en: 'Bad' },
					highLabel: { en: 'Great' }
				}
			]
		}
	]
});
const link = 'https://satisfy.example/s/abc';

describe('invitation email', () => {
	it('fills the survey’s own template, with five one-click answers and an unsubscribe link', () => {
		const email = invitationEmail({
			definition,
			language: 'en',
			clientName: 'Eve',
			accountManagerName: 'Max',
			link,
			deadline: null,
			branding: DEFAULT_BRANDING
		});
		expect(email.subject).toBe('Support check for Eve');
		expect(email.text).toContain('Hi Eve,\n\nplease answer: https://satisfy.example/s/abc\n\nMax');
		expect(email.text).toContain('5 (Great): https://satisfy.example/s/abc?q-overall=5');
		expect(email.headers['List-Unsubscribe']).toBe('<https://satisfy.example/s/abc/unsubscribe>');
		expect(email.html).toContain('href="https://satisfy.example/s/abc?q-overall=1"');
		expect(email.html).toMatch(
			/please answer: <a href="https:\/\/satisfy.example\/s\/abc"[^>]*>https:\/\/satisfy.example\/s\/abc<\/a>/
		);
		expect(email.text).not.toMatch(/<\/?[a-z][^>]*>/i);
	});

	it('offers one-click answers only for a question every respondent is asked', () => {
		const conditional = surveyDefinitionSchema.parse({
			...definition,
			pages: [
				{
					id: 'p1',
					questions: [
						{
							id: 'flew',
							type: 'single',
							text: { en: 'Flew?' },
							options: [
								{ id: 'yes', label: { en: 'Yes' } },
								{ id: 'no', label: { en: 'No' } }
							]
						},
						{
							id: 'crew',
							type: 'rating',
							factor: 'crew',
							text: { en: 'Crew?' },
							showIf: { question: 'flew', op: 'is', option: 'yes' }
						},
						{ id: 'overall', type: 'overall', text: { en: 'Overall?' } }
					]
				}
			]
		});
		const email = invitationEmail({
			definition: conditional,
			language: 'en',
			clientName: 'Eve',
			accountManagerName: null,
			link,
			deadline: null,
			branding: DEFAULT_BRANDING
		});
		expect(email.text).toContain('https://satisfy.example/s/abc?q-overall=1');
		expect(email.text).not.toContain('q-crew');
	});

	it('escapes what people typed in the HTML part', () => {
		const email = invitationEmail({
			definition,
			language: 'en',
			clientName: '<img src=x onerror=alert(1)>',
			accountManagerName: null,
			link,
			deadline: null,
			branding: DEFAULT_BRANDING
		});
		expect(email.html).not.toContain('<img');
		expect(email.html).toContain('&lt;img src=x onerror=alert(1)');
	});

	it('falls back to the built-in wording in the client’s language when the template is not translated', () => {
		const email = invitationEmail({
			definition,
			language: 'nl',
			clientName: 'Jan',
			accountManagerName: null,
			link,
			deadline: null,
			branding: DEFAULT_BRANDING
		});
		expect(email.subject).toBe('Supportcheck');
		expect(email.text).toContain('Beste Jan,');
		expect(email.text).toContain(
			'Geen enquêtes meer? Afmelden: https://satisfy.example/s/abc/unsubscribe'
		);
	});

	it('labels the one-click scale with the stock wording in the client’s language (#19)', () => {
		const german = surveyDefinitionSchema.parse({
			defaultLanguage: 'en',
			languages: ['en', 'de'],
			title: { en: 'How did we do?', de: 'Wie war es?' },
			pages: [
				{
					id: 'p1',
					questions: [
						{
							id: 'overall',
							type: 'overall',
							text: { en: 'Overall?', de: 'Insgesamt?' },
							// As the templates wrote them: the stock wording, in English only.
							lowLabel: { en: 'Completely dissatisfied' },
							highLabel: { en: 'Completely satisfied' }
						}
					]
				}
			]
		});
		const email = invitationEmail({
			definition: german,
			language: 'de',
			clientName: 'Jana',
			accountManagerName: null,
			link,
			deadline: null,
			branding: DEFAULT_BRANDING
		});
		expect(email.text).toContain(
			'1 (Völlig unzufrieden): https://satisfy.example/s/abc?q-overall=1'
		);
		expect(email.text).toContain('5 (Völlig zufrieden): https://satisfy.example/s/abc?q-overall=5');
		expect(email.html).toContain('1 = Völlig unzufrieden · 5 = Völlig zufrieden');
		expect(email.html).toContain('<html lang="de">');
		expect(email.html).toMatch(
			/<a href="https:\/\/satisfy.example\/s\/abc\?q-overall=5"[^>]*>5<\/a>/
		);
		expect(email.text).not.toContain('Completely');
		expect(email.text).not.toMatch(/<\/?[a-z][^>]*>/i);
	});

	it('adds the survey’s button, and its link to the text, when the survey’s own template leaves the link out', () => {
		const withoutLink = surveyDefinitionSchema.parse({
			...definition,
			email: { body: { en: 'Hi {{client.name}}, tell us how we did.' } }
		});
		const email = invitationEmail({
			definition: withoutLink,
			language: 'en',
			clientName: 'Eve',
			accountManagerName: null,
			link,
			deadline: null,
			branding: { ...DEFAULT_BRANDING, name: 'Acme Airlines', footer: 'Acme Airlines Ltd.\nDublin' }
		});
		expect(email.text).toMatch(
			/^Acme Airlines asks for your opinion\n\nHi Eve, tell us how we did\.\n\nStart the survey: https:\/\/satisfy\.example\/s\/abc\n/
		);
		expect(email.text).toContain('\n\nAcme Airlines Ltd.\nDublin\n\n');
		expect(email.html).toMatch(
			/<a href="https:\/\/satisfy.example\/s\/abc" [^>]*>Start the survey<\/a>/
		);
	});

	describe('the {{deadline}} placeholder', () => {
		const withDeadline = surveyDefinitionSchema.parse({
			...definition,
			languages: ['en', 'de'],
			title: { en: 'Support check', de: 'Supportcheck' },
			email: {
				subject: {
					en: 'Until {{deadline}}: {{survey.title}}',
					de: 'Bis {{deadline}}: {{survey.title}}'
				},
				body: {
					en: 'Hi {{client.name}},\n\nplease answer: {{link}}\nThe link works until {{deadline}}.\n\nThanks',
					de: 'Hallo {{client.name}},\n\nbitte antworten Sie: {{link}}\nDer Link gilt bis {{deadline}}.\n\nDanke'
				}
			}
		});
		// 23:30 UTC: the day Satisfy keeps (a UTC day), whatever the server's time zone.
		const deadline = new Date(Date.UTC(2027, 0, 4, 23, 30));
		const email = (language: string, until: Date | null) =>
			invitationEmail({
				definition: withDeadline,
				language,
				clientName: 'Eve',
				accountManagerName: null,
				link,
				deadline: until,
				branding: DEFAULT_BRANDING
			});

		it('writes the day the link stops working in long form, in English', () => {
			const english = email('en', deadline);
			expect(english.subject).toBe('Until 4 January 2027: Support check');
			expect(english.text).toContain('The link works until 4 January 2027.');
			expect(english.html).toContain('The link works until 4 January 2027.');
		});

		it('writes it the way the client’s language does, in German', () => {
			const german = email('de', deadline);
			expect(german.subject).toBe('Bis 4. Januar 2027: Supportcheck');
			expect(german.text).toContain('Der Link gilt bis 4. Januar 2027.');
		});

		it('leaves out the line holding it when the link has no deadline, and the rest reads on', () => {
			const open = email('en', null);
			// The subject is one line: left out, the built-in subject (the survey's title) stands.
			expect(open.subject).toBe('Support check');
			expect(open.text).toContain('please answer: https://satisfy.example/s/abc\n\nThanks');
			expect(open.text).not.toContain('works until');
			expect(open.html).not.toContain('works until');
		});
	});
});
