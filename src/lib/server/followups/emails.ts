import {
	clientLabel,
	dueText,
	triggerLabels,
	type CaseTriggerKind
} from '../../followups/case-model';
import type { TriggerItem } from '../../followups/triggers';
import { escapeHtml } from '../../html-escape';
import { appConfig } from '../config';

type Email = { subject: string; text: string; html: string };

/**
 * A staff page as an absolute link for an email: ORIGIN when set, else the address the mail
 * worker assumes too (src/hooks.server.ts), since there is no request to take it from.
 */
export function staffLink(path: string): string {
	return new URL(path, appConfig().origin ?? 'http://localhost:3000').toString();
}

const MAX_QUOTE = 300;
const quote = (text: string) =>
	text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1).trimEnd()}…` : text;

function itemLine(item: TriggerItem): string {
	const score = item.score === null || item.score === undefined ? '' : `: ${item.score}`;
	const text = item.text ? ` — “${quote(item.text)}”` : '';
	return `${item.label}${score}${text}`;
}

export type CaseSummary = {
	id: number;
	clientName: string | null;
	triggers: CaseTriggerKind[];
	items: TriggerItem[];
	dueAt: Date;
};

/** To the assignee of a new or reassigned case: who, why, by when, and the link. */
export function caseAssignedEmail(
	summary: CaseSummary,
	reason: { kind: 'created' } | { kind: 'reassigned'; by: string }
): Email {
	const client = clientLabel(summary.clientName);
	const link = staffLink(`/cases/${summary.id}`);
	const why = summary.triggers.map((trigger) => triggerLabels[trigger]).join(', ');
	const intro =
		reason.kind === 'created'
			? `A follow-up case for ${client} was opened and assigned to you: ${why}.`
			: `${reason.by} assigned you the follow-up case for ${client}: ${why}.`;
	const lines = summary.items.map(itemLine);
	const due = `Due: ${dueText(summary.dueAt)}`;
	const text = [
		intro,
		'',
		...lines.map((line) => `- ${line}`),
		'',
		due,
		'',
		`Open the case: ${link}`
	].join('\n');
	const html = `<!doctype html>
<html lang="en"><body style="font-family:system-ui,sans-serif;color:#1d2433;line-height:1.5">
<p>${escapeHtml(intro)}</p>
<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>
<p>${escapeHtml(due)}</p>
<p><a href="${escapeHtml(link)}">Open the case</a></p>
</body></html>`;
	return { subject: `Follow-up case #${summary.id}: ${client}`, text, html };
}

export type OverdueCase = {
	id: number;
	clientId: number | null;
	clientName: string | null;
	assignee: { name: string; email: string } | null;
	dueAt: Date;
};

/** The owners' daily list of overdue cases, oldest due first; `total` counts those not listed too. */
export function overdueDigestEmail(cases: OverdueCase[], total = cases.length): Email {
	const count = `${total} overdue follow-up ${total === 1 ? 'case' : 'cases'}`;
	const more = total > cases.length ? [`… and ${total - cases.length} more.`] : [];
	const listLink = staffLink('/cases?view=overdue');
	const line = (item: OverdueCase) =>
		`#${item.id} ${clientLabel(item.clientName)} — ${item.assignee?.name ?? 'unassigned'}, due ${dueText(item.dueAt)}`;
	const text = [
		`${count} need attention:`,
		'',
		...cases.map((item) => `- ${line(item)}: ${staffLink(`/cases/${item.id}`)}`),
		...more,
		'',
		`All overdue cases: ${listLink}`
	].join('\n');
	const html = `<!doctype html>
<html lang="en"><body style="font-family:system-ui,sans-serif;color:#1d2433;line-height:1.5">
<p>${escapeHtml(count)} need attention:</p>
<ul>${cases.map((item) => `<li><a href="${escapeHtml(staffLink(`/cases/${item.id}`))}">${escapeHtml(line(item))}</a></li>`).join('')}</ul>
${more.map((text) => `<p>${escapeHtml(text)}</p>`).join('')}
<p><a href="${escapeHtml(listLink)}">All overdue cases</a></p>
</body></html>`;
	return { subject: `Satisfy: ${count}`, text, html };
}
