import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('configuration', () => {
	it('defaults to data/app.db, 600 API requests a minute and a 30-day survey-fatigue rule', () => {
		expect(readConfig({})).toEqual({
			databaseUrl: 'data/app.db',
			origin: undefined,
			apiRateLimitPerMinute: 600,
			surveyFatigueDays: 30,
			smtpUrl: undefined,
			mailFrom: 'Satisfy <surveys@localhost>',
			mailRatePerMinute: 120
		});
	});

	it('stops with a message naming the bad variable', () => {
		expect(() => readConfig({ ORIGIN: 'not a url' })).toThrow(/ORIGIN/);
		expect(() => readConfig({ API_RATE_LIMIT_PER_MINUTE: '-5' })).toThrow(/API_RATE_LIMIT_PER_MINUTE/);
		expect(() => readConfig({ SMTP_URL: 'mail.example.com' })).toThrow(/SMTP_URL/);
	});
});
