import { json } from '@sveltejs/kit';
import { jobReasonText } from '$lib/jobs/job-text';
import { appDb } from '$lib/server/db/app-db';
import { latestJob } from '$lib/server/worker/jobs';
import type { RequestHandler } from './$types';

/** The latest review import's progress, polled by the import page while its upload is pending. */
export const GET: RequestHandler = async () => {
	const job = await latestJob(appDb(), 'reviews');
	return json(
		job && { status: job.status, done: job.done, total: job.total, reason: jobReasonText(job) },
		{ headers: { 'cache-control': 'no-store' } }
	);
};
