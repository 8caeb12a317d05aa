import { json, type RequestEvent, type RequestHandler } from '@sveltejs/kit';
import { z } from 'zod';
import type { Role } from '../../roles';
import type { ApiKeySummary } from '../api-keys/service';
import { ApiError, errorResponse, issuesOf } from './errors';
import { requestText } from './request-text';
import { bodyTooLargeMessage, isBodyTooLarge } from '../request-body';
import { withoutData } from '../log-safe';
import * as m from '../../paraglide/messages';

/**
 * One description per endpoint: the handler validates with these schemas and the OpenAPI
 * document is generated from them, so the two cannot drift apart.
 */
export type Endpoint<
	Body extends z.ZodType = z.ZodType,
	Response extends z.ZodType = z.ZodType,
	Required extends Role | null = Role | null,
	Query extends z.ZodType = z.ZodType
> = {
	method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
	/** OpenAPI path template, e.g. `/api/v1/users/{id}`. */
	path: string;
	summary: string;
	tag: string;
	/** Least role the API key needs; null for public endpoints. */
	role: Required;
	body?: Body;
	/** Query-string parameters, validated like a body. */
	query?: Query;
	/** Also accepts a CSV file (`Content-Type: text/csv`), handed to the handler as text. */
	acceptsCsv?: boolean;
	response: Response;
	successStatus?: number;
	/** Error statuses this endpoint answers with, beyond those every endpoint may. */
	errors?: number[];
};

export function defineEndpoint<
	Body extends z.ZodType,
	Response extends z.ZodType,
	Required extends Role | null,
	Query extends z.ZodType
>(endpoint: Endpoint<Body, Response, Required, Query>) {
	return endpoint;
}

type Context<E extends Endpoint> = {
	event: RequestEvent;
	apiKey: E['role'] extends null ? null : ApiKeySummary;
	body: z.output<NonNullable<E['body']>>;
	query: z.output<NonNullable<E['query']>>;
	/** The JSON body as sent, before defaults were filled in: tells which fields a PATCH names. */
	rawBody: unknown;
	/** The raw CSV text when an `acceptsCsv` endpoint was sent `text/csv`; `body` is then undefined. */
	csv: string | null;
};

function readQuery(event: RequestEvent, schema: z.ZodType): unknown {
	const parsed = schema.safeParse(Object.fromEntries(event.url.searchParams));
	if (!parsed.success) throw new ApiError(400, m.api_query_invalid(), issuesOf(parsed.error));
	return parsed.data;
}

const isCsv = (event: RequestEvent) =>
	/^text\/csv\b/i.test(event.request.headers.get('content-type') ?? '');

function bodyError(error: unknown, otherwise: ApiError): ApiError {
	return isBodyTooLarge(error) ? new ApiError(413, bodyTooLargeMessage()) : otherwise;
}

/** The body as strict UTF-8 text: 413 past BODY_SIZE_LIMIT, 400 naming the first byte that is not UTF-8. */
async function readText(event: RequestEvent): Promise<string> {
	try {
		return await requestText(event.request);
	} catch (error) {
		if (error instanceof ApiError) throw error;
		throw bodyError(error, new ApiError(400, m.api_body_unreadable()));
	}
}

async function readBody(
	event: RequestEvent,
	schema: z.ZodType
): Promise<{ raw: unknown; body: unknown }> {
	const text = await readText(event);
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		throw new ApiError(400, m.api_body_not_json());
	}
	const parsed = schema.safeParse(raw);
	if (!parsed.success) throw new ApiError(400, m.api_body_invalid(), issuesOf(parsed.error));
	return { raw, body: parsed.data };
}

export function apiRoute<E extends Endpoint>(
	endpoint: E,
	run: (context: Context<E>) => z.input<E['response']> | Promise<z.input<E['response']>>
): RequestHandler {
	return async (event) => {
		try {
			// src/hooks.server.ts has checked the key against the endpoint's role before this runs.
			const apiKey = endpoint.role ? event.locals.apiKey : null;
			if (endpoint.role && !apiKey) throw new ApiError(401, m.api_key_missing());
			const query = endpoint.query ? readQuery(event, endpoint.query) : undefined;
			const csv = endpoint.acceptsCsv && isCsv(event) ? await readText(event) : null;
			const { raw, body } =
				endpoint.body && csv === null
					? await readBody(event, endpoint.body)
					: { raw: undefined, body: undefined };
			const result = await run({ event, apiKey, body, rawBody: raw, query, csv } as Context<E>);
			return json(result, { status: endpoint.successStatus ?? 200 });
		} catch (error) {
			if (error instanceof ApiError) return errorResponse(error);
			console.error(`API ${endpoint.method} ${endpoint.path} failed:`, withoutData(error));
			return errorResponse(new ApiError(500, m.error_logged()));
		}
	};
}
