import { auditFilterFromSearchParams } from '$lib/schemas/audit-filter';
import { listApiKeys } from '$lib/server/api-keys/service';
import { auditActions, auditPage, subjectLinks } from '$lib/server/audit-log/queries';
import { appDb } from '$lib/server/db/app-db';
import { listUsers } from '$lib/server/users/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const db = appDb();
	const choices = {
		users: (await listUsers(db)).map(({ id, name, email }) => ({ id, name, email })),
		apiKeys: (await listApiKeys(db)).map(({ id, name }) => ({ id, name })),
		actions: await auditActions(db)
	};
	const filter = auditFilterFromSearchParams(url.searchParams);
	// A hand-edited address gets its mistakes named on the page, not an error page.
	if (!filter.success)
		return {
			...choices,
			problems: filter.error.issues.map(({ message }) => message),
			entries: [],
			nextCursor: null
		};
	const { entries, nextCursor } = await auditPage(db, filter.data);
	const links = await subjectLinks(
		db,
		entries.map(({ subject }) => subject)
	);
	return {
		...choices,
		problems: [],
		entries: entries.map((entry) => ({ ...entry, href: links.get(entry.subject) ?? null })),
		nextCursor
	};
};
