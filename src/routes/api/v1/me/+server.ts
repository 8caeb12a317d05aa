import { apiRoute } from '$lib/server/api/endpoint';
import { me } from '$lib/server/api/endpoints/system';

export const GET = apiRoute(me, ({ apiKey }) => ({
	apiKey: { id: apiKey.id, name: apiKey.name, role: apiKey.role }
}));
