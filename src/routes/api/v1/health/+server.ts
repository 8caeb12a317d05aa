import { ApiError } from '$lib/server/api/errors';
import { apiRoute } from '$lib/server/api/endpoint';
import { health } from '$lib/server/api/endpoints/system';
import { appDb } from '$lib/server/db/app-db';
import { healthProblems } from '$lib/server/health';
import * as m from '$lib/paraglide/messages';

export const GET = apiRoute(health, async () => {
	const problems = await healthProblems(appDb());
	if (problems.length) {
		throw new ApiError(
			503,
			m.api_health_unavailable({ problems: problems.map((problem) => problem.message).join(' ') }),
			problems.map(({ check, message }) => ({ path: [check], code: 'unavailable', message }))
		);
	}
	return {
		status: 'ok' as const,
		checks: { database: 'ok' as const, mailWorker: 'ok' as const, webhookWorker: 'ok' as const }
	};
});
