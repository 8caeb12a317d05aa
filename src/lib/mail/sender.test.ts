import { describe, expect, it } from 'vitest';
import { emailSender, senderText } from './sender';

describe('the sender of an email', () => {
	it('is MAIL_FROM as set when the branding names no sender', () => {
		expect(emailSender('Satisfy <surveys@satisfy.example>')).toEqual({
			name: 'Satisfy',
			address: 'surveys@satisfy.example'
		});
		expect(emailSender(' surveys@satisfy.example ')).toEqual({
			name: null,
			address: 'surveys@satisfy.example'
		});
		expect(emailSender('"Satisfy Surveys" <surveys@satisfy.example>', null)).toEqual({
			name: 'Satisfy Surveys',
			address: 'surveys@satisfy.example'
		});
	});

	it('takes the branding’s sender name, keeping MAIL_FROM’s address', () => {
		expect(emailSender('Satisfy <surveys@satisfy.example>', 'Acme Customer Care')).toEqual({
			name: 'Acme Customer Care',
			address: 'surveys@satisfy.example'
		});
		expect(emailSender('surveys@satisfy.example', 'Acme')).toEqual({
			name: 'Acme',
			address: 'surveys@satisfy.example'
		});
	});

	it('reads as a From header shows it', () => {
		expect(senderText({ name: 'Acme', address: 'surveys@satisfy.example' })).toBe(
			'Acme <surveys@satisfy.example>'
		);
		expect(senderText({ name: null, address: 'surveys@satisfy.example' })).toBe(
			'surveys@satisfy.example'
		);
	});
});
