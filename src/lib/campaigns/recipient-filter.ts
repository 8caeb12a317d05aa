import { z } from 'zod';
import { recordId } from '../schemas/ids';
import * as m from '../paraglide/messages';
import { recipientStates, type RecipientState } from './recipient-status';

/**
 * Which recipients of a campaign the list (and its CSV) shows: one state, or all; and for the
 * list, the page — the recipients after one invitation (`after`) or before one (`before`), by id.
 */
export type RecipientQuery = { status?: RecipientState; after?: number; before?: number };

const fields = {
	status: z.enum(recipientStates, {
		error: () => m.validation_choose_one_of({ choices: recipientStates.join(', ') })
	}),
	after: recordId(() => m.campaigns_recipients_bad_page()),
	before: recordId(() => m.campaigns_recipients_bad_page())
};

/**
 * The query as the page's GET form and its links write it. A value that does not parse is left
 * out with a message saying why, so a mistyped address still shows a list.
 */
export function recipientQueryFromSearchParams(params: URLSearchParams): {
	query: RecipientQuery;
	problems: string[];
} {
	const query: RecipientQuery = {};
	const problems: string[] = [];
	for (const name of ['status', 'after', 'before'] as const) {
		const value = params.get(name);
		if (value === null || value === '') continue;
		const parsed = fields[name].safeParse(value);
		if (parsed.success) Object.assign(query, { [name]: parsed.data });
		else problems.push(parsed.error.issues[0]!.message);
	}
	// Both directions at once name no page: the first one is shown.
	if (query.after !== undefined && query.before !== undefined) {
		delete query.after;
		delete query.before;
		problems.push(m.campaigns_recipients_bad_page());
	}
	return { query, problems };
}
