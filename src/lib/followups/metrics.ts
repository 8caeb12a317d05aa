import { formatNumber } from '../i18n/format';
import * as m from '../paraglide/messages';
import { isOverdue, type CaseStatus } from './case-model';

/** What the metrics need of a case; times are when things happened. */
export type CaseTimes = {
	status: CaseStatus;
	createdAt: Date;
	dueAt: Date;
	firstActionAt: Date | null;
	resolvedAt: Date | null;
};

export type CaseMetrics = {
	total: number;
	/** Open or in progress, of which in progress and overdue. */
	active: number;
	inProgress: number;
	overdue: number;
	/** Median from creation to the first action by a person, over cases acted on so far. */
	firstAction: { medianMs: number | null; n: number };
	/** Median from creation to resolution, over resolved cases (won't-fix cases are not resolutions). */
	resolve: { medianMs: number | null; n: number };
	/** Of the resolved cases, those resolved by their due date. */
	withinSla: { share: number | null; onTime: number; n: number };
};

/** The middle value, or the mean of the two middle ones; null for no values. */
export function median(values: number[]): number | null {
	if (!values.length) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function caseMetrics(cases: CaseTimes[], now: Date): CaseMetrics {
	const acted = cases.filter((item) => item.firstActionAt !== null);
	const resolved = cases.filter((item) => item.status === 'resolved' && item.resolvedAt !== null);
	const onTime = resolved.filter(
		(item) => item.resolvedAt!.getTime() <= item.dueAt.getTime()
	).length;
	return {
		total: cases.length,
		active: cases.filter((item) => item.status === 'open' || item.status === 'in_progress').length,
		inProgress: cases.filter((item) => item.status === 'in_progress').length,
		overdue: cases.filter((item) => isOverdue(item, now)).length,
		firstAction: {
			medianMs: median(
				acted.map((item) => item.firstActionAt!.getTime() - item.createdAt.getTime())
			),
			n: acted.length
		},
		resolve: {
			medianMs: median(
				resolved.map((item) => item.resolvedAt!.getTime() - item.createdAt.getTime())
			),
			n: resolved.length
		},
		withinSla: {
			share: resolved.length ? onTime / resolved.length : null,
			onTime,
			n: resolved.length
		}
	};
}

/** The CSI (0–100) of the response that opened a case and of the client's next response after it was resolved. */
export type RecoveryPair = { before: number; after: number };

export type Recovery = {
	n: number;
	improved: number;
	share: number | null;
	meanChange: number | null;
};

/**
 * The recovery rate: of resolved cases whose client answered again, the share whose next CSI is
 * higher than the one that opened the case, and the mean change in CSI points.
 */
export function recoveryRate(pairs: RecoveryPair[]): Recovery {
	const n = pairs.length;
	const improved = pairs.filter(({ before, after }) => after > before).length;
	const change = pairs.reduce((sum, { before, after }) => sum + (after - before), 0);
	return { n, improved, share: n ? improved / n : null, meanChange: n ? change / n : null };
}

export type FollowupMetrics = { cases: CaseMetrics; recovery: Recovery };

/** "3 h", "1.5 days": a duration as people say it, in the reader's language. */
export function durationText(ms: number | null): string {
	if (ms === null) return '—';
	const hours = ms / 3_600_000;
	if (hours < 1)
		return m.followups_duration_minutes({ minutes: Math.max(1, Math.round(ms / 60_000)) });
	if (hours < 48) return m.followups_duration_hours({ hours: formatNumber(hours, { upTo: 1 }) });
	// The number rounded as shown chooses the word form ("20 de zile" but "20,5 zile" in Romanian).
	const days = Number((hours / 24).toFixed(1));
	return m.followups_duration_days({ count: days, days: formatNumber(days, { upTo: 1 }) });
}
