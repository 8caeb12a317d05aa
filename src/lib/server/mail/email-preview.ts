import { and, count, desc, eq, gt, ne } from 'drizzle-orm';
import { z } from 'zod';
import { DAY_MS } from '../../dates';
import { localeOf } from '../../i18n/locale';
import * as m from '../../paraglide/messages';
import { pickLanguage } from '../../respondent/language';
import { refuse, type Result } from '../../result';
import type { SurveyDefinition } from '../../schemas/survey';
import { lineText } from '../../schemas/text';
import { recordAudit } from '../audit';
import { scopedClients, scopeOf, withinScope, type Scope } from '../auth/scope';
import type { SessionUser } from '../auth/session';
import { currentBranding } from '../branding/read';
import { clientPageQuery } from '../clients/queries';
import type { Db, Queryable } from '../db';
import { serializeOn } from '../db/dialect';
import { first } from '../db/queries';
import { auditLog, campaigns, clients, users } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { DEFAULT_VALIDITY_DAYS } from '../invitations/service';
import { invitationEmail, type RenderedEmail } from './invitation-email';
import { enqueueNotification } from './queue';

/**
 * The link a preview or a test email carries instead of a personal one: not a token's shape, so
 * the respondent's page answers it with its plain 404, and nobody answers as the client from it.
 */
const PREVIEW_LINK_PATH = '/s/email-preview';

/** Test emails a user may send in `TEST_WINDOW_MINUTES`: enough to check a wording, too few to mail anyone at length. */
const TEST_LIMIT = 5;
const TEST_WINDOW_MINUTES = 10;
const TEST_ACTION = 'survey.email-test';
/** Clients the picker lists for a search. */
const PICKER_SIZE = 20;

const clientError = { error: () => m.email_preview_client_not_found() };

/**
 * What the preview shows, as its query string and its test form send it: a language of the
 * survey (else the client's), a client's id or `sample` (else the first client found), a search.
 */
const choiceSchema = z.object({
	lang: lineText()
		.trim()
		.max(35, {
			error: (issue) => m.email_preview_unknown_language({ language: String(issue.input) })
		})
		.optional(),
	client: z
		.union(
			[z.literal('sample'), z.coerce.number(clientError).int(clientError).positive(clientError)],
			clientError
		)
		.optional(),
	search: lineText().trim().max(200).optional()
});

export type PreviewChoice = z.output<typeof choiceSchema>;

/** The choice in a query string or a form, empty fields left out; or the first problem with it. */
export function previewChoice(
	source: URLSearchParams | FormData
): { ok: true; choice: PreviewChoice } | { ok: false; message: string } {
	const given = [...source.entries()].filter(
		(entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== ''
	);
	const parsed = choiceSchema.safeParse(Object.fromEntries(given));
	return parsed.success
		? { ok: true, choice: parsed.data }
		: { ok: false, message: parsed.error.issues[0]!.message };
}

/** The client a choice names: null for the sample client (or none named). */
export const chosenClientId = (client: PreviewChoice['client']) =>
	client === undefined || client === 'sample' ? null : client;

type Viewer = Pick<SessionUser, 'id' | 'name' | 'email' | 'role' | 'scopeSegmentId'>;

export type PreviewRequest = {
	survey: { id: number; definition: SurveyDefinition };
	viewer: Viewer;
	/** The language asked for; null for the client's own among the survey's (else its default). */
	language: string | null;
	/** The client asked for; null for the sample client. */
	clientId: number | null;
	/** The site the links point to (ORIGIN), as in real invitations. */
	origin: string;
	now?: Date;
};

export type EmailPreview = {
	language: string;
	/** The client the email is written for; `id` null for the sample client. */
	client: { id: number | null; name: string };
	/** What `{{deadline}}` shows: the day a link sent now would stop working, and the campaign that says so. */
	deadline: { date: Date; campaign: string | null };
	email: RenderedEmail;
};

/** Clients of the viewer's scope matching a search (all of them without one), by name: the picker's choices. */
export async function previewClients(db: Queryable, viewer: Viewer, search: string) {
	const scope = await scopeOf(db, viewer);
	const rows = await clientPageQuery(db, withinScope(search ? { search } : {}, scope), {
		sort: { key: 'name', direction: 'asc' },
		limit: PICKER_SIZE,
		offset: 0
	});
	return rows.map(({ id, name, email }) => ({ id, name, email }));
}

async function clientInScope(db: Queryable, id: number, scope: Scope | null, now: Date) {
	return first(
		db
			.select({
				id: clients.id,
				name: clients.name,
				language: clients.language,
				accountManager: users.name
			})
			.from(clients)
			.leftJoin(users, eq(users.id, clients.accountManagerId))
			.where(and(eq(clients.id, id), scopedClients(scope, now)))
	);
}

/**
 * A link's deadline as the survey's campaign would set it today: the one scheduled (else the
 * latest that ran), or, with none, the validity of a link sent on its own.
 */
async function previewDeadline(db: Queryable, surveyId: number, now: Date) {
	const sending = await db
		.select({ name: campaigns.name, status: campaigns.status, days: campaigns.expiresInDays })
		.from(campaigns)
		.where(and(eq(campaigns.surveyId, surveyId), ne(campaigns.status, 'cancelled')))
		.orderBy(desc(campaigns.createdAt));
	const campaign = sending.find(({ status }) => status === 'scheduled') ?? sending[0];
	const days = campaign?.days ?? DEFAULT_VALIDITY_DAYS;
	return { date: new Date(now.getTime() + days * DAY_MS), campaign: campaign?.name ?? null };
}

/**
 * The invitation email of a survey as a client of the viewer's would get it now, in the language
 * asked for, with a link that opens nothing; or why not (a language the survey is not written in,
 * a client gone or outside the viewer's scope), with the field it is about.
 */
export async function emailPreview(
	db: Queryable,
	request: PreviewRequest
): Promise<Result<EmailPreview>> {
	const { survey, viewer } = request;
	const { definition } = survey;
	const now = request.now ?? new Date();
	if (request.language !== null && !definition.languages.includes(request.language))
		return {
			...refuse(400, m.email_preview_unknown_language({ language: request.language })),
			field: 'lang'
		};
	const client =
		request.clientId === null
			? null
			: await clientInScope(db, request.clientId, await scopeOf(db, viewer), now);
	if (request.clientId !== null && !client)
		return { ...refuse(404, m.email_preview_client_not_found()), field: 'client' };
	const language =
		request.language ??
		pickLanguage(definition.languages, definition.defaultLanguage, [client?.language], null);
	const name = client?.name ?? m.email_preview_sample_name({}, { locale: localeOf(language) });
	const deadline = await previewDeadline(db, survey.id, now);
	const email = invitationEmail({
		definition,
		language,
		clientName: name,
		// The sample client's account manager is whoever looks at it.
		accountManagerName: client ? client.accountManager : viewer.name,
		link: new URL(PREVIEW_LINK_PATH, request.origin).toString(),
		deadline: deadline.date,
		branding: await currentBranding(db)
	});
	return { ok: true, language, client: { id: client?.id ?? null, name }, deadline, email };
}

/**
 * The preview, subject marked "[Test]" in its language, queued to the viewer's own address
 * through the outbox, and audited. No invitation is made, so no funnel counts it, and its links
 * open nothing. At most `TEST_LIMIT` per user in `TEST_WINDOW_MINUTES`, counted from the audit
 * log under a lock per user, so two quick clicks on two nodes cannot both pass the last slot.
 */
export async function sendTestEmail(
	db: Db,
	request: PreviewRequest
): Promise<Result<{ to: string }>> {
	const now = request.now ?? new Date();
	const preview = await emailPreview(db, { ...request, now });
	if (!preview.ok) return preview;
	const { viewer, survey } = request;
	const { email, language, client } = preview;
	return inTransaction(db, async (tx): Promise<Result<{ to: string }>> => {
		await serializeOn(tx, `email tests of ${viewer.id}`);
		const sent =
			(
				await first(
					tx
						.select({ n: count() })
						.from(auditLog)
						.where(
							and(
								eq(auditLog.actorUserId, viewer.id),
								eq(auditLog.action, TEST_ACTION),
								gt(auditLog.at, new Date(now.getTime() - TEST_WINDOW_MINUTES * 60_000))
							)
						)
				)
			)?.n ?? 0;
		if (sent >= TEST_LIMIT)
			return refuse(
				429,
				m.email_preview_throttled({ limit: TEST_LIMIT, minutes: TEST_WINDOW_MINUTES })
			);
		const prefix = m.email_preview_test_prefix({}, { locale: localeOf(language) });
		const messageId = await enqueueNotification(
			tx,
			viewer.email,
			{ ...email, subject: `${prefix} ${email.subject}` },
			now
		);
		await recordAudit(tx, { userId: viewer.id }, TEST_ACTION, `survey:${survey.id}`, {
			language,
			client: client.id === null ? 'sample' : `client:${client.id}`,
			outbox: messageId
		});
		return { ok: true, to: viewer.email };
	});
}
