import { clientLabel, dueText, triggerLabels } from '../followups/case-model';
import type { CaseEventData, OverdueDigestData } from './event-data';

/**
 * What a chat message says, before it is written in Slack's or Teams's format. Titles, reasons
 * and labels are Satisfy's own words; fact values, quotes and link texts may hold what clients and
 * staff wrote, which each format shows as plain text.
 */
export type ChatAlert = {
	/** The one line a notification shows. */
	summary: string;
	title: string;
	reason: string | null;
	facts: { label: string; value: string }[];
	quotes: { label: string; text: string }[];
	links: { text: string; url: string }[];
	/** Said below the links when some were left out. */
	more: string | null;
	action: { label: string; url: string };
};

/**
 * A chat channel is seen by more people than Satisfy, and often by people outside it: the client
 * is named only where the owner chose so for that channel, and never by email or phone.
 */
export type AlertOptions = { nameClients: boolean };

/** Long enough to tell what the client wrote; comments are up to a few thousand characters. */
const QUOTE_CHARACTERS = 300;
/** Question texts and names are short; these bounds keep every message within Slack's block limits. */
const LABEL_CHARACTERS = 150;
const NAME_CHARACTERS = 80;
const QUOTES = 3;
/** Digest entries in a message; the rest are one link away. */
export const DIGEST_LINKS = 10;

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * `text` on one line, with an ellipsis when longer than `limit` characters as a reader counts
 * them: never cut inside an emoji or a letter with its accents.
 */
export function excerpt(text: string, limit: number): string {
	const characters = Array.from(
		graphemes.segment(text.replace(/\s+/g, ' ').trim()),
		({ segment }) => segment
	);
	return characters.length > limit
		? `${characters
				.slice(0, limit - 1)
				.join('')
				.trimEnd()}…`
		: characters.join('');
}

const name = (text: string) => excerpt(text, NAME_CHARACTERS);

function scoreFact(items: CaseEventData['items']): string | null {
	const scored = items.filter((item) => item.score !== null && item.score !== undefined);
	if (!scored.length) return null;
	return scored.map((item) => `${excerpt(item.label, LABEL_CHARACTERS)}: ${item.score}`).join('; ');
}

/** `followup.created` or `followup.resolved` as a message: what happened, about whom, why, and by when. */
export function caseAlert(
	event: 'followup.created' | 'followup.resolved',
	data: CaseEventData,
	clientName: string | null,
	{ nameClients }: AlertOptions
): ChatAlert {
	const resolved = event === 'followup.resolved';
	const title = `Follow-up case #${data.caseId} ${resolved ? 'resolved' : 'opened'}`;
	const reason = data.triggers.map((trigger) => triggerLabels[trigger]).join(', ') || null;
	const score = scoreFact(data.items);
	const when =
		resolved && data.resolvedAt
			? { label: 'Resolved', value: dueText(new Date(data.resolvedAt)) }
			: { label: 'Due', value: dueText(new Date(data.dueAt)) };
	const facts = [
		...(nameClients ? [{ label: 'Client', value: name(clientLabel(clientName)) }] : []),
		...(score ? [{ label: 'Score', value: score }] : []),
		{ label: 'Assigned to', value: data.assignee ? name(data.assignee.name) : 'Unassigned' },
		when
	];
	const comments = data.items
		.filter((item) => item.text)
		.map((item) => ({
			label: excerpt(item.label, LABEL_CHARACTERS),
			text: excerpt(item.text!, QUOTE_CHARACTERS)
		}));
	const note =
		resolved && data.resolutionNote
			? [{ label: 'Resolution', text: excerpt(data.resolutionNote, QUOTE_CHARACTERS) }]
			: [];
	return {
		summary: reason ? `${title}: ${reason}` : title,
		title,
		reason,
		facts,
		quotes: [...comments.slice(0, QUOTES - note.length), ...note],
		links: [],
		more: null,
		action: { label: 'Open the case', url: data.url }
	};
}

/** `followup.digest` as a message: how many are overdue, the longest overdue first, and the whole list one click away. */
export function digestAlert(
	data: OverdueDigestData,
	clientNames: ReadonlyMap<number, string>,
	{ nameClients }: AlertOptions
): ChatAlert {
	const title = `${data.total} overdue follow-up ${data.total === 1 ? 'case needs' : 'cases need'} attention`;
	const listed = data.cases.slice(0, DIGEST_LINKS);
	const links = listed.map((item) => {
		const client = nameClients
			? ` ${name(clientLabel(item.clientId === null ? null : (clientNames.get(item.clientId) ?? null)))}`
			: '';
		const assignee = item.assignee ? name(item.assignee.name) : 'unassigned';
		return {
			text: `#${item.caseId}${client} — ${assignee}, due ${dueText(new Date(item.dueAt))}`,
			url: item.url
		};
	});
	return {
		summary: title,
		title,
		reason: null,
		facts: [],
		quotes: [],
		links,
		more: data.total > listed.length ? `… and ${data.total - listed.length} more.` : null,
		action: { label: 'All overdue cases', url: data.url }
	};
}
