import { clientInputSchema, type ClientInput } from '../../schemas/clients';
import { ApiError, type ApiIssue } from '../api/errors';
import type { ClientCard } from './queries';
import { allClientFields, type ClientField, type SaveIssue } from './save';
import { clientJson } from './service';
import * as m from '../../paraglide/messages';

/** A stored client in the shape of the API's input, so a PATCH can be laid over it. */
export function clientAsInput(client: ClientCard): Record<keyof ClientInput, unknown> {
	const {
		email,
		name,
		phone,
		company,
		language,
		tags,
		attributes,
		clientSince,
		lastPurchaseOn,
		renewalOn,
		annualValue,
		...json
	} = clientJson(client);
	return {
		...{
			email,
			name,
			phone,
			company,
			language,
			tags,
			attributes,
			clientSince,
			lastPurchaseOn,
			renewalOn,
			annualValue
		},
		accountManager: json.accountManager?.email ?? null,
		consent: json.consent !== null,
		consentSource: json.consent?.source ?? null,
		unsubscribed: json.unsubscribedAt !== null
	};
}

/** Applies the fields a PATCH names to the stored client; returns the full input and those fields. */
export function patchedInput(
	client: ClientCard,
	patch: unknown
): { input: ClientInput; fields: Set<ClientField> } {
	const sent = patch && typeof patch === 'object' ? (patch as Record<string, unknown>) : {};
	const fields = new Set(
		Object.keys(sent).filter((key): key is ClientField => allClientFields.has(key as ClientField))
	);
	const parsed = clientInputSchema.safeParse({ ...clientAsInput(client), ...sent });
	if (!parsed.success) {
		throw new ApiError(
			400,
			m.api_body_invalid(),
			parsed.error.issues.map((i) => ({
				path: i.path.map(String),
				message: i.message,
				code: i.code
			}))
		);
	}
	return { input: parsed.data, fields };
}

/** Save refusals as API errors: conflicts are 409, unknown references 400. */
export function saveRefusal(issues: SaveIssue[]): ApiError {
	const conflict = issues.find((issue) => issue.field === 'email');
	if (conflict) return new ApiError(409, conflict.message);
	const apiIssues: ApiIssue[] = issues.map((issue) => ({
		path: issue.field.split('.'),
		message: issue.message,
		code: 'invalid_reference'
	}));
	return new ApiError(400, m.api_unknown_reference(), apiIssues);
}
