import { MIN_RELIABLE_N } from '../../analytics/report';
import {
	formatCi,
	formatCount,
	formatDelta,
	formatScore,
	periodLabel,
	significanceText
} from '../../components/dashboard/format';
import * as m from '../../paraglide/messages';
import { getLocale, type Locale } from '../../paraglide/runtime';
import type { ReportFrequency } from '../../schemas/reports';
import { staffLink } from '../followups/emails';
import { emailHtml } from '../mail/email-html';
import { inStaffLanguage, type StaffEmail } from '../mail/staff-language';
import ReportEmail from '../mail/templates/report-email.svelte';
import type { ViewReport } from './view-report';

type Section = { heading: string; lines: string[] };

const MAX_QUOTE = 240;
const quote = (text: string) =>
	m.email_quote({
		text: text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1).trimEnd()}…` : text
	});

function sections(report: ViewReport): Section[] {
	if (report.problem)
		return [
			{
				heading: m.email_report_problem_heading(),
				lines: [report.problem, m.email_report_problem_change()]
			}
		];
	const period = periodLabel(report.period);
	const csi = report.csi;
	const headline: Section = {
		heading: m.email_report_csi_heading({ period }),
		lines: csi
			? [
					m.email_report_csi({
						score: formatScore(csi.value),
						ci: formatCi(csi.ciLow, csi.ciHigh),
						clipped: csi.ciClipped ? m.dashboard_interval_clipped({ scale: '0–100' }) : '',
						n: formatCount(csi.n),
						reliability: csi.lowN ? m.email_report_csi_low_n({ min: MIN_RELIABLE_N }) : ''
					}),
					report.previous
						? report.change
							? m.email_report_against({
									previous: periodLabel(report.previous),
									delta: formatDelta(report.change.delta),
									significance: significanceText(report.change)
								})
							: m.email_report_against_untested({ previous: periodLabel(report.previous) })
						: m.email_report_first()
				]
			: [m.email_report_no_answers({ period })]
	};
	const moved: Section = {
		heading: m.email_report_moved_heading(),
		lines: report.moved.length
			? report.moved.map(({ name, delta, significant }) => {
					const values = { factor: name, delta: formatDelta(delta) };
					return significant
						? m.email_report_moved_significant(values)
						: m.email_report_moved(values);
				})
			: [m.email_report_moved_none()]
	};
	const negative: Section = {
		heading: m.email_report_negative_heading(),
		lines: report.negative.length
			? report.negative.map(({ text, day, kind }) =>
					kind === 'review'
						? m.email_report_negative_review({ day, quote: quote(text) })
						: m.email_report_negative_answer({ day, quote: quote(text) })
				)
			: [m.email_report_negative_none({ period })]
	};
	const cases: Section = {
		heading: m.email_report_cases_heading(),
		lines: [
			m.email_report_cases({
				open: formatCount(report.cases.open),
				overdue: formatCount(report.cases.overdue)
			})
		]
	};
	return [headline, moved, negative, cases];
}

function subject(name: string, frequency: ReportFrequency, report: ViewReport): string {
	const period = periodLabel(report.period);
	if (report.csi && !report.problem) {
		const csi = formatScore(report.csi.value);
		return frequency === 'weekly'
			? m.email_report_subject_weekly_csi({ name, period, csi })
			: m.email_report_subject_monthly_csi({ name, period, csi });
	}
	return frequency === 'weekly'
		? m.email_report_subject_weekly({ name, period })
		: m.email_report_subject_monthly({ name, period });
}

/**
 * A report as an email in its subscriber's `language`: plain text and HTML from the same
 * sections, with the link to the view.
 */
export function reportEmail(
	name: string,
	frequency: ReportFrequency,
	view: string,
	report: ViewReport,
	language: Locale | null
): StaffEmail {
	return inStaffLanguage(language, () => {
		const link = staffLink(`/dashboard${view ? `?${view}` : ''}`);
		const blocks = sections(report);
		const title = report.modelName
			? m.email_report_title_model({ name, model: report.modelName })
			: name;
		const settings = m.email_report_settings();
		const text = [
			title,
			'',
			...blocks.flatMap(({ heading, lines }) => [heading, ...lines.map((line) => `- ${line}`), '']),
			m.email_report_open_link({ link }),
			settings
		].join('\n');
		const html = emailHtml(
			ReportEmail,
			{ title, sections: blocks, link, open: m.email_report_open(), settings },
			getLocale()
		);
		return { subject: subject(name, frequency, report), text, html };
	});
}
