import { describe, expect, it } from 'vitest';
import { bodySizeLimit, readConfig } from './config';

describe('configuration', () => {
	it('defaults to data/app.db, 600 API requests a minute and a 30-day survey-fatigue rule', () => {
		expect(readConfig({})).toEqual({
			databaseUrl: 'data/app.db',
			origin: undefined,
			apiRateLimitPerMinute: 600,
			surveyFatigueDays: 30,
			smtpUrl: undefined,
			mailFrom: 'Satisfy <surveys@localhost>',
			mailRatePerMinute: 120,
			mailRetryBaseSeconds: 60,
			linkSecret: undefined,
			outboxShowsLinks: false,
			outboxPollSeconds: 2,
			webhookRetryBaseSeconds: 30,
			webhookAllowedHosts: []
		});
	});

	it('reads the webhook allow-list as comma-separated host names, addresses and ranges', () => {
		expect(
			readConfig({ WEBHOOK_ALLOWED_HOSTS: ' 127.0.0.1, crm.internal ,10.0.0.0/8,,[::1]' })
		).toMatchObject({ webhookAllowedHosts: ['127.0.0.1', 'crm.internal', '10.0.0.0/8', '[::1]'] });
	});

	it('refuses an allow-list entry that is not a host name, address or range, naming it', () => {
		expect(() => readConfig({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1,http://crm.internal' })).toThrow(
			/WEBHOOK_ALLOWED_HOSTS.*"http:\/\/crm\.internal" is not a host name/
		);
		expect(() => readConfig({ WEBHOOK_ALLOWED_HOSTS: '10.0.0.0/40' })).toThrow(
			/WEBHOOK_ALLOWED_HOSTS/
		);
	});

	it('reads the mail retry pause and the outbox poll interval in seconds', () => {
		expect(readConfig({ MAIL_RETRY_BASE_SECONDS: '1', OUTBOX_POLL_SECONDS: '5' })).toMatchObject({
			mailRetryBaseSeconds: 1,
			outboxPollSeconds: 5
		});
	});

	it('refuses a retry pause or poll interval that is not a whole number of seconds above zero', () => {
		for (const value of ['0', '-1', '1.5', 'soon']) {
			expect(() => readConfig({ MAIL_RETRY_BASE_SECONDS: value })).toThrow(
				/MAIL_RETRY_BASE_SECONDS/
			);
			expect(() => readConfig({ OUTBOX_POLL_SECONDS: value })).toThrow(/OUTBOX_POLL_SECONDS/);
			expect(() => readConfig({ WEBHOOK_RETRY_BASE_SECONDS: value })).toThrow(
				/WEBHOOK_RETRY_BASE_SECONDS/
			);
		}
	});

	it('takes a link secret of 32 characters or more, and shows links in the outbox only when told to', () => {
		expect(readConfig({ LINK_SECRET: 'x'.repeat(32), OUTBOX_SHOWS_LINKS: 'true' })).toMatchObject({
			linkSecret: 'x'.repeat(32),
			outboxShowsLinks: true
		});
		expect(readConfig({ OUTBOX_SHOWS_LINKS: 'false' })).toMatchObject({ outboxShowsLinks: false });
		expect(() => readConfig({ DATABASE_URL: 'postgres://db.internal/satisfy' })).toThrow(
			/LINK_SECRET: set it when DATABASE_URL is PostgreSQL, the same on every app node/
		);
		expect(
			readConfig({ DATABASE_URL: 'postgres://db.internal/satisfy', LINK_SECRET: 'x'.repeat(32) })
		).toMatchObject({ linkSecret: 'x'.repeat(32) });
		expect(() => readConfig({ LINK_SECRET: 'short' })).toThrow(
			/LINK_SECRET: use at least 32 characters/
		);
		expect(() => readConfig({ OUTBOX_SHOWS_LINKS: 'yes' })).toThrow(
			/OUTBOX_SHOWS_LINKS: use true or false/
		);
	});

	it('stops with a message naming the bad variable', () => {
		expect(() => readConfig({ ORIGIN: 'not a url' })).toThrow(/ORIGIN/);
		expect(() => readConfig({ API_RATE_LIMIT_PER_MINUTE: '-5' })).toThrow(
			/API_RATE_LIMIT_PER_MINUTE/
		);
		expect(() => readConfig({ SMTP_URL: 'mail.example.com' })).toThrow(/SMTP_URL/);
	});

	it('states the body size limit the way people write it, 512K when unset as adapter-node has it', () => {
		expect(bodySizeLimit({ BODY_SIZE_LIMIT: '21M' })).toBe('21 MB');
		expect(bodySizeLimit({})).toBe('512 KB');
		expect(bodySizeLimit({ BODY_SIZE_LIMIT: '1048576' })).toBe('1048576 bytes');
	});
});
