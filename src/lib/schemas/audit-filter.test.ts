import { describe, expect, it } from 'vitest';
import { auditFilterFromSearchParams } from './audit-filter';

const problems = (query: string) => {
	const parsed = auditFilterFromSearchParams(new URLSearchParams(query));
	return parsed.success ? [] : parsed.error.issues.map(({ message }) => message);
};

describe('audit log filter', () => {
	it('treats fields left empty in the form as absent and pages 50 entries by default', () => {
		expect(
			auditFilterFromSearchParams(new URLSearchParams('actor=&action=&subject=&from=&to='))
		).toMatchObject({ success: true, data: { limit: 50 } });
	});

	it('explains each value it cannot use', () => {
		expect(problems('actor=root')).toEqual([
			'Choose who acted as user:<id>, key:<id>, or none for a client or Satisfy itself'
		]);
		expect(problems('action=DROP TABLE')).toEqual(['An action looks like client.view']);
		expect(problems('subject=42')).toEqual(['A record looks like client:42']);
		expect(problems('from=31.03.2026')).toEqual(['Use a date like 2026-03-31']);
		expect(problems('from=2026-03-05&to=2026-03-01')).toEqual([
			'The date range must start before it ends'
		]);
		expect(problems('cursor=abc')).toEqual(['Use the nextCursor of the page before']);
		expect(problems('limit=100000')).toEqual(['Show at most 500 entries a page']);
	});
});
