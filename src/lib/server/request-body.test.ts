import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { answerUnreadableFormsAsClientErrors } from './request-body';

async function statusOf(promise: Promise<unknown>): Promise<number | 'read'> {
	try {
		await promise;
		return 'read';
	} catch (error) {
		if (isHttpError(error)) return error.status;
		throw error;
	}
}

const post = (body: BodyInit, contentType: string) =>
	new Request('http://localhost/clients/fields?/create', {
		method: 'POST',
		body,
		headers: { 'content-type': contentType }
	});

describe('reading a posted form', () => {
	it('answers a multipart body without a boundary with 400, not a 500', async () => {
		const request = post('a=1', 'multipart/form-data');
		answerUnreadableFormsAsClientErrors(request);
		expect(await statusOf(request.formData())).toBe(400);
	});

	it('answers a body cut off past the size limit with 413', async () => {
		const tooLarge = Object.assign(
			new Error('Content-length of 2000 exceeds limit of 1000 bytes.'),
			{ status: 413 }
		);
		const body = new ReadableStream({ start: (controller) => controller.error(tooLarge) });
		const request = new Request('http://localhost/x', {
			method: 'POST',
			body,
			duplex: 'half',
			headers: { 'content-type': 'application/x-www-form-urlencoded' }
		} as RequestInit);
		answerUnreadableFormsAsClientErrors(request);
		expect(await statusOf(request.formData())).toBe(413);
	});

	it('reads a well-formed form as before', async () => {
		const request = post('name=Anna&name=Bo', 'application/x-www-form-urlencoded');
		answerUnreadableFormsAsClientErrors(request);
		expect((await request.formData()).getAll('name')).toEqual(['Anna', 'Bo']);
	});
});
