import { apiRoute } from '$lib/server/api/endpoint';
import { endpoints } from '$lib/server/api/endpoints';
import { openApiDocument as openApiEndpoint } from '$lib/server/api/endpoints/system';
import { openApiDocument } from '$lib/server/api/openapi';
import { version } from '../../../../../package.json';

export const GET = apiRoute(openApiEndpoint, () => openApiDocument(endpoints, version));
