import {
	formatCi,
	formatCount,
	formatDelta,
	formatScore,
	periodLabel,
	significanceText
} from '../../components/dashboard/format';
import { escapeHtml } from '../../html-escape';
import { staffLink } from '../followups/emails';
import type { ReportFrequency } from '../../schemas/reports';
import type { ViewReport } from './view-report';

type Section = { heading: string; lines: string[] };

const MAX_QUOTE = 240;
const quote = (text: string) =>
	`“${text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1).trimEnd()}…` : text}”`;

function sections(report: ViewReport): Section[] {
	if (report.problem)
		return [
			{
				heading: 'This view no longer works',
				lines: [report.problem, 'Change or cancel this report in Settings → Your account.']
			}
		];
	const period = periodLabel(report.period);
	const csi = report.csi;
	const headline: Section = {
		heading: `Customer Satisfaction Index, ${period}`,
		lines: csi
			? [
					`${formatScore(csi.value)} of 100 (95% CI ${formatCi(csi.ciLow, csi.ciHigh)}${csi.ciClipped ? ', clipped to the 0–100 scale' : ''}; n = ${formatCount(csi.n)}${csi.lowN ? ', fewer than 30 answers: treat as unreliable' : ''})`,
					report.previous
						? report.change
							? `Against ${periodLabel(report.previous)}: ${formatDelta(report.change.delta)} points, ${significanceText(report.change)}`
							: `Against ${periodLabel(report.previous)}: not tested (too few answers in one of the periods)`
						: 'The first period with answers: nothing to compare it with.'
				]
			: [`No answers in ${period}.`]
	};
	const moved: Section = {
		heading: 'Factors that moved',
		lines: report.moved.length
			? report.moved.map(
					({ name, delta, significant }) =>
						`${name}: ${formatDelta(delta)} points${significant ? ', significant' : ''}`
				)
			: ['No factor could be compared with the period before.']
	};
	const negative: Section = {
		heading: 'Newest negative comments',
		lines: report.negative.length
			? report.negative.map(
					({ text, day, kind }) =>
						`${day}, ${kind === 'review' ? 'review' : 'answer'}: ${quote(text)}`
				)
			: [`No negative comments in ${period}.`]
	};
	const cases: Section = {
		heading: 'Follow-up cases',
		lines: [`${formatCount(report.cases.open)} open, ${formatCount(report.cases.overdue)} overdue.`]
	};
	return [headline, moved, negative, cases];
}

/** A report as an email: plain text and HTML from the same sections, with the link to the view. */
export function reportEmail(
	name: string,
	frequency: ReportFrequency,
	view: string,
	report: ViewReport
): { subject: string; text: string; html: string } {
	const link = staffLink(`/dashboard${view ? `?${view}` : ''}`);
	const blocks = sections(report);
	const figure = report.csi && !report.problem ? `: CSI ${formatScore(report.csi.value)}` : '';
	const subject = `${frequency === 'weekly' ? 'Weekly' : 'Monthly'} report “${name}”, ${periodLabel(report.period)}${figure}`;
	const text = [
		`${name}${report.modelName ? ` (model ${report.modelName})` : ''}`,
		'',
		...blocks.flatMap(({ heading, lines }) => [heading, ...lines.map((line) => `- ${line}`), '']),
		`Open the view: ${link}`,
		'Change or cancel your reports in Settings → Your account.'
	].join('\n');
	const html = `<!doctype html>
<html lang="en"><body style="font-family:system-ui,sans-serif;color:#1d2433;line-height:1.5">
<p><strong>${escapeHtml(name)}</strong>${report.modelName ? ` (model ${escapeHtml(report.modelName)})` : ''}</p>
${blocks.map(({ heading, lines }) => `<h2 style="font-size:1.05rem;margin:1rem 0 0.25rem">${escapeHtml(heading)}</h2>\n<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`).join('\n')}
<p><a href="${escapeHtml(link)}">Open the view</a></p>
<p style="color:#4a5568">Change or cancel your reports in Settings → Your account.</p>
</body></html>`;
	return { subject, text, html };
}
