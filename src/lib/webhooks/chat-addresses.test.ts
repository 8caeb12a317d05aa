import { describe, expect, it } from 'vitest';
import { chatAddressRefusal } from './chat-addresses';

describe('chat webhook addresses', () => {
	it('takes Slack incoming webhooks only on hooks.slack.com, over https', () => {
		expect(
			chatAddressRefusal('slack', 'https://hooks.slack.com/services/T000/B000/XXXX')
		).toBeNull();
		for (const url of [
			'http://hooks.slack.com/services/T000/B000/XXXX',
			'https://hooks.slack.com.evil.example/services/T000',
			'https://example.com/hooks.slack.com/services/T000',
			'https://prod-12.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke'
		])
			expect(chatAddressRefusal('slack', url), url).toMatch(
				/^A Slack incoming webhook address starts with https:\/\/hooks\.slack\.com\/services\//
			);
	});

	it('takes Teams workflow and connector addresses, over https', () => {
		for (const url of [
			'https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sig=x',
			'https://default5c07eba4.61.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/abc/triggers/manual/paths/invoke?sig=x',
			'https://contoso.webhook.office.com/webhookb2/abc/IncomingWebhook/def/ghi'
		])
			expect(chatAddressRefusal('teams', url), url).toBeNull();
		for (const url of [
			'http://prod-12.westeurope.logic.azure.com/workflows/abc',
			'https://logic.azure.com.evil.example/workflows/abc',
			'https://hooks.slack.com/services/T000/B000/XXXX'
		])
			expect(chatAddressRefusal('teams', url), url).toMatch(
				/^A Teams webhook address starts with https:\/\//
			);
	});
});
