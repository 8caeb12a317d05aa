import {
	clientLabel,
	dueText,
	triggerLabels,
	type CaseTriggerKind
} from '../../followups/case-model';
import type { TriggerItem } from '../../followups/triggers';
import * as m from '../../paraglide/messages';
import { getLocale, type Locale } from '../../paraglide/runtime';
import { appConfig } from '../config';
import { emailHtml } from '../mail/email-html';
import { inStaffLanguage, type StaffEmail } from '../mail/staff-language';
import CaseAssignedEmail from '../mail/templates/case-assigned-email.svelte';
import OverdueDigestEmail from '../mail/templates/overdue-digest-email.svelte';

/**
 * A staff page as an absolute link for an email: ORIGIN when set, else the address the mail
 * worker assumes too (src/hooks.server.ts), since there is no request to take it from.
 */
export function staffLink(path: string): string {
	return new URL(path, appConfig().origin ?? 'http://localhost:3000').toString();
}

const MAX_QUOTE = 300;
const quote = (text: string) =>
	m.email_quote({
		text: text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1).trimEnd()}…` : text
	});

function itemLine(item: TriggerItem): string {
	const score = item.score === null || item.score === undefined ? '' : `: ${item.score}`;
	const text = item.text ? ` — ${quote(item.text)}` : '';
	return `${item.label}${score}${text}`;
}

export type CaseSummary = {
	id: number;
	clientName: string | null;
	triggers: CaseTriggerKind[];
	items: TriggerItem[];
	dueAt: Date;
};

/**
 * To the assignee of a new or reassigned case, in their `language`: who, why, by when, and the
 * link.
 */
export function caseAssignedEmail(
	summary: CaseSummary,
	reason: { kind: 'created' } | { kind: 'reassigned'; by: string },
	language: Locale | null
): StaffEmail {
	return inStaffLanguage(language, () => {
		const client = clientLabel(summary.clientName);
		const link = staffLink(`/cases/${summary.id}`);
		const reasons = summary.triggers.map((trigger) => triggerLabels[trigger]).join(', ');
		const intro =
			reason.kind === 'created'
				? m.email_case_opened({ client, reasons })
				: m.email_case_reassigned({ by: reason.by, client, reasons });
		const items = summary.items.map(itemLine);
		const due = m.email_case_due({ due: dueText(summary.dueAt) });
		const text = [
			intro,
			'',
			...items.map((line) => `- ${line}`),
			'',
			due,
			'',
			m.email_case_open_link({ link })
		].join('\n');
		const html = emailHtml(
			CaseAssignedEmail,
			{ intro, items, due, link, open: m.email_case_open() },
			getLocale()
		);
		return { subject: m.email_case_subject({ id: summary.id, client }), text, html };
	});
}

export type OverdueCase = {
	id: number;
	clientId: number | null;
	clientName: string | null;
	assignee: { name: string; email: string } | null;
	dueAt: Date;
};

/**
 * An owner's daily list of overdue cases, oldest due first, in their `language`; `total` counts
 * those not listed too.
 */
export function overdueDigestEmail(
	cases: OverdueCase[],
	total: number,
	language: Locale | null
): StaffEmail {
	return inStaffLanguage(language, () => {
		const intro = m.email_digest_intro({ count: total });
		const more = total > cases.length ? m.email_digest_more({ count: total - cases.length }) : null;
		const link = staffLink('/cases?view=overdue');
		const listed = cases.map((item) => ({
			line: m.email_digest_line({
				id: item.id,
				client: clientLabel(item.clientName),
				assignee: item.assignee?.name ?? m.email_digest_unassigned(),
				due: dueText(item.dueAt)
			}),
			link: staffLink(`/cases/${item.id}`)
		}));
		const text = [
			intro,
			'',
			...listed.map(({ line, link }) => `- ${line}: ${link}`),
			...(more ? [more] : []),
			'',
			m.email_digest_all_link({ link })
		].join('\n');
		const html = emailHtml(
			OverdueDigestEmail,
			{ intro, cases: listed, more, link, all: m.email_digest_all() },
			getLocale()
		);
		return { subject: m.email_digest_subject({ count: total }), text, html };
	});
}
