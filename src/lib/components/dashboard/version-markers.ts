import { periodOf, type Granularity } from '$lib/analytics/periods';
import { utcDay } from '$lib/dates';

export type VersionMarker = { version: number; day: string; period: string; index: number };

/**
 * Weight changes that happened within the charted periods, placed on the period they fall in.
 * The first version is the model's creation, not a change, so it is never marked.
 */
export function versionMarkers(
	versions: { version: number; createdAt: Date }[],
	periodKeys: string[],
	granularity: Granularity
): VersionMarker[] {
	return versions
		.filter(({ version }) => version > 1)
		.map(({ version, createdAt }) => {
			const day = utcDay(createdAt);
			const period = periodOf(day, granularity);
			return { version, day, period, index: periodKeys.indexOf(period) };
		})
		.filter(({ index }) => index >= 0)
		.sort((a, b) => a.version - b.version);
}
