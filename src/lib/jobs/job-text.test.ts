import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';
import { jobFailureText, jobReasonText, type JobReason } from './job-text';

const requestLocale = getLocale;
const speak = (locale: Locale) => overwriteGetLocale(() => locale);
afterEach(() => overwriteGetLocale(requestLocale));

const job = ({ code, params }: JobReason) => ({
	reasonCode: code,
	reasonParams: params ?? null,
	reason: null
});

describe('a background job’s progress bar', () => {
	it('says why the job runs in the reader’s language', () => {
		const reasons = [
			job({ code: 'resumed' }),
			job({ code: 'segmentCreated', params: { name: 'North' } }),
			job({ code: 'keywordsChanged' }),
			job({ code: 'weightsChanged' })
		];
		expect(reasons.map(jobReasonText)).toEqual([
			'Resumed after a restart',
			'Segment “North” created',
			'Factor keywords or topics changed',
			'The weights of a CSI model changed'
		]);
		speak('de');
		expect(reasons.map(jobReasonText)).toEqual([
			'Nach einem Neustart fortgesetzt',
			'Segment „North“ angelegt',
			'Schlüsselwörter von Faktoren oder Themen haben sich geändert',
			'Die Gewichte eines CSI-Modells haben sich geändert'
		]);
	});

	it('names where imported reviews came from', () => {
		const imports = [
			job({ code: 'reviewImport', params: { origin: { kind: 'file', name: 'reviews.csv' } } }),
			job({ code: 'reviewImport', params: { origin: { kind: 'apiKey', name: 'Shop' } } }),
			job({ code: 'reviewImport', params: { origin: { kind: 'demo' } } })
		];
		expect(imports.map(jobReasonText)).toEqual([
			'Import from file reviews.csv',
			'Import from API key Shop',
			'Import from demo seed'
		]);
		speak('de');
		expect(imports.map(jobReasonText)).toEqual([
			'Import aus der Datei reviews.csv',
			'Import über den API-Schlüssel Shop',
			'Import aus den Demodaten'
		]);
	});

	it('words a restart’s interruption, and keeps an exception’s own text', () => {
		const interrupted = { failureCode: 'interrupted' as const, failure: null };
		const crashed = { failureCode: null, failure: 'disk is full' };
		expect([interrupted, crashed].map(jobFailureText)).toEqual([
			'Interrupted by a restart; started again.',
			'disk is full'
		]);
		speak('de');
		expect([interrupted, crashed].map(jobFailureText)).toEqual([
			'Durch einen Neustart unterbrochen; erneut gestartet.',
			'disk is full'
		]);
	});

	it('shows the reason of a job from before the codes as it was stored', () => {
		speak('de');
		expect(
			jobReasonText({ reasonCode: null, reasonParams: null, reason: 'Import from file a.csv' })
		).toBe('Import from file a.csv');
	});
});
