import { describe, expect, it } from 'vitest';
import { message } from './messages';

describe('respondent messages', () => {
	it('falls back to English for a language named after an Object property, never crashing', () => {
		expect(message('hasOwnProperty', 'unsubscribeButton')).toBe('Unsubscribe');
		expect(message('constructor-x', 'unsubscribeButton')).toBe('Unsubscribe');
		expect(message('__proto__', 'unsubscribeButton')).toBe('Unsubscribe');
	});
});
