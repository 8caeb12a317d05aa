import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { setSessionCookie, clearSessionCookie } from '$lib/server/auth/cookies';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { queueReminders, runDueCampaigns } from '$lib/server/campaigns/service';
import { countExpiredOneClickAnswers } from '$lib/server/invitations/expired-partials';
import { appConfig } from '$lib/server/config';
import { startCheckpoints } from '$lib/server/db/checkpoints';
import { appDb, openAppDb } from '$lib/server/db/app-db';
import { closeDatabase } from '$lib/server/db/open';
import { onPostgres } from '$lib/server/db/transaction';
import { installSubscribers } from '$lib/server/events/subscribers';
import { recoverInterruptedSends, startOutboxWorker } from '$lib/server/mail/delivery';
import { repackStaleDays } from '$lib/server/analytics/chunk-upkeep';
import { resumeRebuilds, stopRebuilds, takeOverRebuilds } from '$lib/server/analytics/rebuild';
import { sendOverdueDigest } from '$lib/server/followups/digest';
import {
	rescoreWhenKeywordsChange,
	resumeRescore,
	takeOverRescore
} from '$lib/server/sentiment/rescore';
import {
	refreshScoresWhenWeightsChange,
	resumeScoreRefresh,
	takeOverScoreRefresh
} from '$lib/server/responses/scores';
import { failInterruptedJobs } from '$lib/server/worker/jobs';
import { repeatEvery } from '$lib/server/worker/loop';
import { onOneNode } from '$lib/server/worker/lease';
import { forgetDeadNodes, NODE_LEASE_MS, startNodeHeartbeat } from '$lib/server/worker/nodes';
import type { Db } from '$lib/server/db';
import { sendDueReports } from '$lib/server/reports/send';
import { smtpMailer } from '$lib/server/mail/transport';
import { isCrossSiteForm } from '$lib/server/csrf';
import { refusalOf } from '$lib/server/auth/authorize';
import { withSecurityHeaders } from '$lib/server/security-headers';
import { answerUnreadableFormsAsClientErrors } from '$lib/server/request-body';
import { requeueInterruptedDeliveries, startWebhookWorker } from '$lib/server/webhooks/delivery';
import { withoutData } from '$lib/server/log-safe';
import { inLocale } from '$lib/server/i18n/in-locale';
import { adoptBrowserLanguage } from '$lib/server/users/language';
import * as m from '$lib/paraglide/messages';
import { browserLocale } from '$lib/respondent/language';
// Zod's own messages (a field of the wrong type) in the request's language.
import '$lib/i18n/zod-locale';

/**
 * Subscribes what follows from domain events, opens the database and applies pending migrations
 * before the first request is served, then starts the workers (mail over SMTP when SMTP_URL is
 * set, else into the outbox; webhooks) and the periodic tasks that queue their work. Every node
 * of a cluster runs the same: each claims the emails, deliveries and jobs it works on, and the
 * periodic tasks run on one node at a time (worker/lease.ts).
 */
export const init: ServerInit = async () => {
	installSubscribers();
	const db = await openAppDb();
	startCheckpoints(db);
	const config = appConfig();
	// What this node claims is its own while it lives; the others take it over once it is gone.
	const stopHeartbeat = await startNodeHeartbeat(db);
	await resumeRebuilds(db);
	await resumeRescore(db);
	await resumeScoreRefresh(db);
	await takeOverInterruptedWork(db);
	const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : null;
	// adapter-node's signal that it stopped serving: a rebuild must not keep the process alive,
	// nor the mailer's pooled connections, open between emails; and what a rebuild leaves
	// unfinished goes to the other nodes (or the next start) at once.
	process.once('sveltekit:shutdown', () => {
		mailer?.close();
		stopRebuilds(db);
		stopHeartbeat()
			.catch((error: unknown) => console.error('Leaving the cluster failed:', error))
			// PostgreSQL's idle connections would keep the process alive until the orchestrator kills
			// it; SQLite keeps nothing open that could, and its file closes with the process.
			.then(() => (onPostgres(db) ? closeDatabase(db) : undefined))
			.catch((error: unknown) => console.error('Closing the database failed:', error));
	});
	startOutboxWorker(
		db,
		{
			mailer,
			origin: config.origin ?? 'http://localhost:3000',
			ratePerMinute: config.mailRatePerMinute,
			retryBaseMs: config.mailRetryBaseSeconds * 1000
		},
		config.outboxPollSeconds * 1000
	);
	startWebhookWorker(db, { retryBaseMs: config.webhookRetryBaseSeconds * 1000 });

	const pollMs = config.outboxPollSeconds * 1000;
	// Work a dead node left: looked for by every node, taken by one (each step claims what it takes).
	repeatEvery('interrupted work', NODE_LEASE_MS / 2, () => takeOverInterruptedWork(db));
	// The periodic tasks, each on its own clock and heartbeat: what they queue, the workers send.
	const onOneNodeEvery = (name: string, everyMs: number, round: () => Promise<unknown>) =>
		repeatEvery(name, everyMs, onOneNode(db, name, round));
	onOneNodeEvery('campaigns', pollMs, () => runDueCampaigns(db));
	onOneNodeEvery('keyword rescoring', pollMs, () => rescoreWhenKeywordsChange(db));
	onOneNodeEvery('score refresh', pollMs, () => refreshScoresWhenWeightsChange(db));
	// Days whose responses or texts changed are packed again for the dashboard's scans.
	onOneNodeEvery('analytics chunks', pollMs, () => repackStaleDays(db));
	// Cheap until something is overdue, and then sent once per UTC day (followup_settings.last_digest_on).
	onOneNodeEvery('overdue digest', pollMs, () => sendOverdueDigest(db));
	// Each report once per complete week or month (report_subscriptions.last_sent_period).
	onOneNodeEvery('reports', pollMs, () => sendDueReports(db));
	// Reminders are counted in days: looking once a minute is plenty.
	onOneNodeEvery('reminders', 60_000, () => queueReminders(db));
	// Links expire by the day: a minute late is on time for counting their one-click answers.
	onOneNodeEvery('one-click partials', 60_000, () => countExpiredOneClickAnswers(db));
	onOneNodeEvery('forgotten nodes', 60 * 60_000, () => forgetDeadNodes(db));
};

/**
 * Takes over what a node that stopped or died left half done (each step claims what it takes, so
 * one node gets each piece): this node's previous life at start, once its lease has run out or
 * been given up, and the other nodes' periodically.
 */
async function takeOverInterruptedWork(db: Db): Promise<void> {
	await takeOverRebuilds(db);
	await takeOverRescore(db);
	await takeOverScoreRefresh(db);
	// A review import cut short stored nothing (one transaction): its progress bar ends.
	await failInterruptedJobs(db, 'reviews');
	const interrupted = await recoverInterruptedSends(db);
	if (interrupted)
		console.warn(
			`${interrupted} email(s) were interrupted mid-send by a node that stopped; see Settings → Outbox.`
		);
	// Webhook deliveries are sent again: receivers dedupe on their id.
	await requeueInterruptedDeliveries(db);
}

export const handle: Handle = async ({ event, resolve }) => {
	if (isCrossSiteForm(event.request, event.url)) {
		return withSecurityHeaders(
			event,
			new Response(m.request_cross_site_form({}, { locale: browserLocale(event.request) }), {
				status: 403
			})
		);
	}
	event.locals.user = null;
	event.locals.sessionId = null;
	event.locals.apiKey = null;

	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const session = await validateSessionToken(appDb(), token);
		if (session) {
			event.locals.user = session.user;
			// Once per user, the first time they are seen signed in (by password, link or setup).
			if (!session.user.language) {
				session.user.language = browserLocale(event.request);
				await adoptBrowserLanguage(appDb(), session.user.id, session.user.language);
			}
			event.locals.sessionId = session.id;
			if (session.renewed) setSessionCookie(event.cookies, event.url, token);
		} else {
			clearSessionCookie(event.cookies, event.url);
		}
	}

	if (event.request.method === 'POST') answerUnreadableFormsAsClientErrors(event.request);
	// Every message of the request speaks the user's language, else the browser's (respondent pages
	// name the survey's language at each call); the page's <html lang> says which.
	const locale = event.locals.user?.language ?? browserLocale(event.request);
	const response = await inLocale(
		locale,
		// Access is decided here, from the access table, before any load, action or endpoint runs.
		async () =>
			(await refusalOf(event)) ??
			(await resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) }))
	);
	// Node resets a kept-alive connection that still holds an unread body (a refused post, an
	// action that needs no form) under the client's next request: close it cleanly instead.
	if (event.request.body && !event.request.bodyUsed) response.headers.set('connection', 'close');
	return withSecurityHeaders(event, response);
};

/** Unexpected errors are logged by path only: URLs of personal links and form bodies may hold secrets. */
export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status >= 500)
		console.error(
			`${event.request.method} ${event.route.id ?? 'unknown route'} failed:`,
			withoutData(error)
		);
	return {
		message: status === 404 ? m.error_not_found() : m.error_logged()
	};
};
