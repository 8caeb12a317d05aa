import { hasRole, type Role } from '../../roles';
import { authenticateApiKey, type ApiKeySummary } from '../api-keys/service';
import { appConfig } from '../config';
import { appDb } from '../db/app-db';
import { ApiError } from './errors';
import { takeApiRequest } from './rate-limit';
import * as m from '../../paraglide/messages';

/** The request's API key, within its rate and of at least this role; an ApiError otherwise. */
export async function authenticateApiRequest(request: Request, role: Role): Promise<ApiKeySummary> {
	const header = request.headers.get('authorization') ?? '';
	const bearer = /^Bearer (\S+)$/i.exec(header)?.[1];
	if (!bearer) throw new ApiError(401, m.api_key_missing());
	const apiKey = await authenticateApiKey(appDb(), bearer);
	if (!apiKey) throw new ApiError(401, m.api_key_unknown());
	const { allowed, retryAfterSeconds } = await takeApiRequest(
		appDb(),
		apiKey.id,
		appConfig().apiRateLimitPerMinute
	);
	if (!allowed) {
		throw new ApiError(429, m.api_rate_limited({ seconds: retryAfterSeconds }), undefined, {
			'retry-after': String(retryAfterSeconds)
		});
	}
	if (!hasRole(apiKey.role, role)) {
		throw new ApiError(403, m.api_key_role_too_low({ required: role, actual: apiKey.role }));
	}
	return apiKey;
}
