import * as m from '../../paraglide/messages';
import { DEFAULT_ACCENT } from '../../branding/accent';
import { logoPath, type Branding } from '../../branding/branding';
import { intlTag } from '../../i18n/format';
import { localeOf } from '../../i18n/locale';
import type { SurveyDefinition } from '../../schemas/survey';
import { localize } from '../../surveys/localize';
import { scaleEnds } from '../../surveys/stock-texts';
import { emailHtml } from './email-html';
import InvitationEmail from './templates/invitation-email.svelte';

export type RenderedEmail = {
	subject: string;
	text: string;
	html: string;
	/** The language tag subject and body are written in. */
	language: string;
	headers: Record<string, string>;
	/** The company's name shown as the sender (the address stays MAIL_FROM's), from its branding. */
	senderName?: string;
	/** Where the client's reply goes instead of the sending address. */
	replyTo?: string;
};

type InvitationContext = {
	definition: SurveyDefinition;
	language: string;
	clientName: string;
	accountManagerName: string | null;
	/** The personal link, `https://…/s/<token>`. */
	link: string;
	/** When the link stops working (the invitation's `expires_at`); null when it never does. */
	deadline: Date | null;
	/** The company the email speaks for: its name, logo, colour, sender, reply-to and footer. */
	branding: Branding;
};

const placeholder = /\{\{\s*([\w.]+)\s*\}\}/g;

/**
 * The template with its placeholders filled in. A line holding a placeholder whose value is
 * missing (`{{deadline}}` of a link that never expires) is left out, so no sentence reads "answer
 * by ." — the builder's placeholder help says so.
 */
function fill(template: string, values: Record<string, string | null>): string {
	return template
		.split('\n')
		.filter((line) => [...line.matchAll(placeholder)].every(([, name]) => values[name!] !== null))
		.map((line) => line.replace(placeholder, (found, name: string) => values[name] ?? found))
		.join('\n');
}

/** The day a link stops working, in long form as the client's language writes it: "4 January 2027", "4. Januar 2027". */
function deadlineText(deadline: Date, language: string): string {
	// Days in Satisfy are UTC days (src/lib/dates.ts); English is written the British way, as on staff pages.
	return new Intl.DateTimeFormat(language === 'en' ? intlTag('en') : language, {
		dateStyle: 'long',
		timeZone: 'UTC'
	}).format(deadline);
}

/** The survey's first 1–5 question every respondent is asked, answered from the email by one click. */
function quickQuestion(definition: SurveyDefinition) {
	const firstPage = definition.pages[0]?.questions ?? [];
	return (
		firstPage.find(
			(question) =>
				(question.type === 'rating' || question.type === 'overall') &&
				// A click on a question shown only under a condition would be dropped unless it held.
				!question.showIf
		) ?? null
	);
}

/**
 * The invitation email in the client's language: the survey's own template when it has one,
 * built-in wording otherwise, after a first line naming the company, and with its footer. The HTML
 * part is ./templates/invitation-email.svelte, which escapes every value: names are typed by
 * people. Its survey link is a button; a client reading the plain text finds the link there too.
 */
export function invitationEmail(context: InvitationContext): RenderedEmail {
	const { definition, language, branding } = context;
	const locale = localeOf(language);
	const own = (text: Record<string, string> | undefined) =>
		(text?.[language] ?? text?.[language.split('-')[0]!])
			? localize(text, language, definition.defaultLanguage)
			: '';
	const values = {
		'client.name': context.clientName,
		'accountManager.name': context.accountManagerName ?? '',
		'survey.title': localize(definition.title, language, definition.defaultLanguage),
		link: context.link,
		deadline: context.deadline && deadlineText(context.deadline, language)
	};
	// A subject left out for a missing value (fill) falls back to the built-in one, as an empty one does.
	const subject =
		fill(own(definition.email?.subject), values).trim() ||
		m.respondent_email_subject({ surveyTitle: values['survey.title'] }, { locale });
	const ownBody = own(definition.email?.body);
	const body = (
		ownBody
			? fill(ownBody, values)
			: m.respondent_email_body(
					{
						clientName: values['client.name'],
						link: values.link,
						accountManagerName: values['accountManager.name']
					},
					{ locale }
				)
	)
		.replace(/\n{3,}/g, '\n\n')
		.trim();
	const unsubscribe = `${context.link}/unsubscribe`;
	const question = quickQuestion(definition);
	const choices = question
		? [1, 2, 3, 4, 5].map((score) => ({ score, href: `${context.link}?q-${question.id}=${score}` }))
		: [];
	const questionText = question
		? localize(question.text, language, definition.defaultLanguage)
		: '';
	const { low, high } = (question && scaleEnds(question, language, definition.defaultLanguage)) ?? {
		low: '',
		high: ''
	};

	const firstLine = m.email_branding_asks({ company: branding.name }, { locale });
	const button = m.email_branding_button({}, { locale });
	const footer = branding.footer ? branding.footer.split('\n') : [];

	const text = [
		firstLine,
		'',
		body,
		// A template of the survey's own may leave the link out; the button in the HTML has it.
		...(body.includes(context.link) ? [] : ['', `${button}: ${context.link}`]),
		...(question
			? [
					'',
					m.respondent_email_quick_answer({}, { locale }),
					questionText,
					...choices.map(
						({ score, href }) =>
							`${score}${score === 1 && low ? ` (${low})` : score === 5 && high ? ` (${high})` : ''}: ${href}`
					)
				]
			: []),
		...(footer.length ? ['', ...footer] : []),
		'',
		`${m.respondent_email_unsubscribe({}, { locale })} ${unsubscribe}`
	].join('\n');

	const html = emailHtml(
		InvitationEmail,
		{
			brand: {
				name: branding.name,
				// An absolute address on the site the link points to: mail clients fetch it from there.
				logo:
					branding.logoVersion === null
						? null
						: new URL(logoPath(branding.logoVersion), context.link).toString(),
				accent: branding.accentColour ?? DEFAULT_ACCENT
			},
			firstLine,
			paragraphs: body.split(/\n{2,}/),
			link: context.link,
			button,
			question: question
				? {
						prompt: m.respondent_email_quick_answer({}, { locale }),
						text: questionText,
						choices,
						low,
						high
					}
				: null,
			footerLines: footer,
			unsubscribe: { label: m.respondent_email_unsubscribe({}, { locale }), href: unsubscribe }
		},
		language
	);

	return {
		subject,
		text,
		html,
		language,
		senderName: branding.senderName ?? undefined,
		replyTo: branding.replyTo ?? undefined,
		// RFC 8058 one-click unsubscribe: mail clients POST to the address without asking.
		headers: {
			'List-Unsubscribe': `<${unsubscribe}>`,
			'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
		}
	};
}
