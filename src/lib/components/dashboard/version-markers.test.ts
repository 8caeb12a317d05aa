import { describe, expect, it } from 'vitest';
import { versionMarkers } from './version-markers';

const version = (number: number, iso: string) => ({ version: number, createdAt: new Date(iso) });

describe('model-version changes on the trend', () => {
	it('marks each weight change on the period it happened in, oldest first', () => {
		const markers = versionMarkers(
			[
				version(3, '2026-03-20T10:00:00Z'),
				version(2, '2026-02-01T00:30:00Z'),
				version(1, '2025-12-01T00:00:00Z')
			],
			['2026-01', '2026-02', '2026-03'],
			'month'
		);
		expect(markers).toEqual([
			{ version: 2, day: '2026-02-01', period: '2026-02', index: 1 },
			{ version: 3, day: '2026-03-20', period: '2026-03', index: 2 }
		]);
	});

	it('skips the first version and changes outside the charted periods', () => {
		expect(
			versionMarkers(
				[version(2, '2025-06-01T00:00:00Z'), version(1, '2026-01-05T00:00:00Z')],
				['2026-Q1'],
				'quarter'
			)
		).toEqual([]);
	});
});
