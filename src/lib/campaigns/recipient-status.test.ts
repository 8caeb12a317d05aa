import { describe, expect, it } from 'vitest';
import { recipientQueryFromSearchParams } from './recipient-filter';
import { recipientState, type RecipientFacts } from './recipient-status';

const day = (n: number) => new Date(Date.UTC(2026, 5, n, 9));
const invited: RecipientFacts = {
	sentAt: null,
	openedAt: null,
	startedAt: null,
	completedAt: null,
	newestEmail: 'queued'
};

describe('a recipient’s one current state', () => {
	it('is queued while the email waits, is being sent, or is retried after a temporary refusal', () => {
		expect(recipientState(invited)).toBe('queued');
		expect(recipientState({ ...invited, newestEmail: 'sending' })).toBe('queued');
		expect(recipientState({ ...invited, newestEmail: null })).toBe('queued');
	});

	it('is sent once a mail server accepted an email, or kept it in outbox mode', () => {
		expect(recipientState({ ...invited, sentAt: day(1), newestEmail: 'sent' })).toBe('sent');
		expect(recipientState({ ...invited, sentAt: day(1), newestEmail: 'stored' })).toBe('sent');
	});

	it('is sent while a reminder waits in the queue after an accepted invitation', () => {
		expect(recipientState({ ...invited, sentAt: day(1), newestEmail: 'queued' })).toBe('sent');
	});

	it('counts an email cut off while being sent as sent: it may have arrived and is never sent twice', () => {
		expect(recipientState({ ...invited, newestEmail: 'uncertain' })).toBe('sent');
	});

	it('is failed when the newest email was refused, even after an earlier one was accepted', () => {
		expect(recipientState({ ...invited, newestEmail: 'failed' })).toBe('failed');
		expect(recipientState({ ...invited, sentAt: day(1), newestEmail: 'failed' })).toBe('failed');
	});

	it('is opened once the link was opened, whatever became of a later reminder', () => {
		const opened = { ...invited, sentAt: day(1), openedAt: day(2) };
		expect(recipientState({ ...opened, newestEmail: 'sent' })).toBe('opened');
		expect(recipientState({ ...opened, newestEmail: 'failed' })).toBe('opened');
	});

	it('is started when answered in part, and completed once the answers were sent', () => {
		const started = { ...invited, sentAt: day(1), openedAt: day(2), startedAt: day(2) };
		expect(recipientState({ ...started, newestEmail: 'sent' })).toBe('started');
		// A one-click answer from the email starts the survey without opening the page first.
		expect(recipientState({ ...invited, sentAt: day(1), startedAt: day(3) })).toBe('started');
		expect(recipientState({ ...started, completedAt: day(4) })).toBe('completed');
	});
});

describe('the recipients list’s address', () => {
	const read = (query: string) => recipientQueryFromSearchParams(new URLSearchParams(query));

	it('reads a status and a page', () => {
		expect(read('status=failed&after=120')).toEqual({
			query: { status: 'failed', after: 120 },
			problems: []
		});
		expect(read('status=&before=7')).toEqual({ query: { before: 7 }, problems: [] });
	});

	it('leaves out what does not parse, saying why', () => {
		const { query, problems } = read('status=bounced&after=-3');
		expect(query).toEqual({});
		expect(problems).toEqual([
			'Choose one of queued, sent, failed, opened, started, completed',
			'That page of the list does not exist; the first page is shown.'
		]);
	});

	it('shows the first page when asked for both directions at once', () => {
		expect(read('after=3&before=9')).toEqual({
			query: {},
			problems: ['That page of the list does not exist; the first page is shown.']
		});
	});
});
