import { describe, expect, it } from 'vitest';
import { refuse } from '../result';
import { asApiError, asFormFailure } from './refusals';

describe('a refusal answered to a form', () => {
	it('shows the message above the form, with the form named, under the refusal’s status', () => {
		const failure = asFormFailure(refuse(404, 'No such user.'), { action: 'deactivate' });
		expect(failure.status).toBe(404);
		expect(failure.data).toEqual({ action: 'deactivate', message: 'No such user.' });
	});

	it('shows the message next to the field it is about, and gives the typed values back', () => {
		const taken = refuse(409, 'A user with the email ada@example.com already exists.');
		const failure = asFormFailure(taken, {
			action: 'invite',
			field: 'email',
			values: { email: 'ada@example.com' }
		});
		expect(failure.data).toEqual({
			action: 'invite',
			errors: { email: 'A user with the email ada@example.com already exists.' },
			values: { email: 'ada@example.com' }
		});
	});

	it('takes the field a refusal names itself, and can show its message above the form too', () => {
		const refusal = { ...refuse(400, 'Choose an active staff user.'), field: 'assigneeId' };
		expect(asFormFailure(refusal).data).toEqual({
			errors: { assigneeId: 'Choose an active staff user.' }
		});
		expect(asFormFailure(refusal, { message: refusal.message }).data).toEqual({
			message: 'Choose an active staff user.',
			errors: { assigneeId: 'Choose an active staff user.' }
		});
	});

	it('carries what an import page lists besides the message', () => {
		const failure = asFormFailure(refuse(400, 'Nothing was imported: one problem to fix.'), {
			fileName: 'answers.csv',
			issueCount: 1
		});
		expect(failure.data).toEqual({
			message: 'Nothing was imported: one problem to fix.',
			fileName: 'answers.csv',
			issueCount: 1
		});
	});
});

describe('a refusal answered to the API', () => {
	it('keeps the refusal’s status and message, with no issues when it names no field', () => {
		const error = asApiError(refuse(409, 'The client has unsubscribed from surveys.'));
		expect(error).toMatchObject({
			status: 409,
			message: 'The client has unsubscribed from surveys.',
			issues: undefined
		});
	});

	it('lists the field a refusal names as its issue', () => {
		const refusal = { ...refuse(400, 'Choose an active staff user.'), field: 'assignee' };
		expect(asApiError(refusal).issues).toEqual([
			{ path: ['assignee'], message: 'Choose an active staff user.', code: 'custom' }
		]);
	});

	it('lists the issues the endpoint gives instead, and none when that list is empty', () => {
		const refusal = refuse(400, 'Nothing was imported: one problem to fix.');
		const issues = [
			{ path: ['reviews', 0, 'stars'], message: 'Give 1 to 5 stars', code: 'custom' }
		];
		expect(asApiError(refusal, issues).issues).toEqual(issues);
		expect(asApiError(refusal, []).issues).toBeUndefined();
	});
});
