import { addRecordedToCells } from '../analytics/cells';
import { openCasesForImportedReviews, openCasesForRecorded } from '../followups/cases';
import { scoreRecordedResponses } from '../responses/scores';
import { scoreRecordedAnswers } from '../sentiment/answer-tone';
import {
	announceImportedReviews,
	announceOpenedCase,
	announceOverdueCases,
	announceRecordedResponses,
	announceResolvedCase
} from '../webhooks/announcements';
import { domainEvents } from './bus';

let installed = false;

/**
 * What follows from each domain event, subscribed once per process at start (the server's `init`
 * hook, the scripts, the tests' setup). Order matters within an event: subscribers run as listed.
 */
export function installSubscribers(): void {
	if (installed) return;
	installed = true;
	const { subscribe } = domainEvents;
	// The tone first: the follow-up rules read it.
	subscribe('response.recorded', scoreRecordedAnswers);
	subscribe('response.recorded', addRecordedToCells);
	subscribe('response.recorded', scoreRecordedResponses);
	subscribe('response.recorded', announceRecordedResponses);
	subscribe('response.recorded', openCasesForRecorded);
	subscribe('review.imported', announceImportedReviews);
	subscribe('review.imported', openCasesForImportedReviews);
	subscribe('case.opened', announceOpenedCase);
	subscribe('case.resolved', announceResolvedCase);
	subscribe('cases.overdue', announceOverdueCases);
}
