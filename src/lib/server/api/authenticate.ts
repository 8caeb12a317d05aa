import { hasRole, type Role } from '../../roles';
import { authenticateApiKey, type ApiKeySummary } from '../api-keys/service';
import { appConfig } from '../config';
import { appDb } from '../db/app-db';
import { ApiError } from './errors';
import { takeApiRequest } from './rate-limit';

/** The request's API key, within its rate and of at least this role; an ApiError otherwise. */
export async function authenticateApiRequest(request: Request, role: Role): Promise<ApiKeySummary> {
	const header = request.headers.get('authorization') ?? '';
	const bearer = /^Bearer (\S+)$/i.exec(header)?.[1];
	if (!bearer) throw new ApiError(401, 'Send an API key as "Authorization: Bearer <key>".');
	const apiKey = await authenticateApiKey(appDb(), bearer);
	if (!apiKey) throw new ApiError(401, 'This API key is unknown or has been revoked.');
	const { allowed, retryAfterSeconds } = await takeApiRequest(
		appDb(),
		apiKey.id,
		appConfig().apiRateLimitPerMinute
	);
	if (!allowed) {
		throw new ApiError(
			429,
			`Too many requests for this key; retry in ${retryAfterSeconds} s.`,
			undefined,
			{
				'retry-after': String(retryAfterSeconds)
			}
		);
	}
	if (!hasRole(apiKey.role, role)) {
		throw new ApiError(
			403,
			`This endpoint needs a key with the ${role} role; this key is a ${apiKey.role} key.`
		);
	}
	return apiKey;
}
