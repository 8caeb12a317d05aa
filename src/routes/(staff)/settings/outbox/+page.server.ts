import { appConfig } from '$lib/server/config';
import { appDb } from '$lib/server/db/app-db';
import { recentOutbox } from '$lib/server/mail/outbox';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const { smtpUrl, outboxShowsLinks } = appConfig();
	// Show where mail goes, never the credentials in the URL.
	const server = smtpUrl ? new URL(smtpUrl).host : null;
	return { server, showsLinks: outboxShowsLinks, messages: recentOutbox(appDb(), { limit: 200, showLinks: outboxShowsLinks }) };
};
