import type { ApiKeySummary } from '$lib/server/api-keys/service';
import type { SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			sessionId: string | null;
			/** The API key of a JSON API request, checked against its endpoint's role. */
			apiKey: ApiKeySummary | null;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
