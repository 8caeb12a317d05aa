import { formatNumber } from '../i18n/format';
import * as m from '../paraglide/messages';
import { targetRefusalText, type TargetRefusal } from './target-refusal';

/**
 * Why a webhook delivery's last attempt failed, as a code and its parameters: the delivery log
 * words it when shown, in the reader's language. What the receiver or the network said (an
 * excerpt of the answer, a connection error's code) is kept as it came.
 */
export type WebhookFailure =
	/** The address leads to this server or its network, and is not allow-listed. */
	| { code: 'refused'; params: TargetRefusal }
	/** `reason`: the connection error's code (ECONNREFUSED), or its message when it has none. */
	| { code: 'notConnected'; params: { reason: string } }
	| { code: 'timedOut'; params: { seconds: number } }
	/** An answer other than 2xx; `excerpt`: the start of its body, on one line. */
	| { code: 'answered'; params: { status: number; excerpt: string } }
	/** Still waiting when the webhook was disabled. */
	| { code: 'disabled'; params?: undefined };

export type WebhookFailureCode = WebhookFailure['code'];
export type WebhookFailureParams = NonNullable<WebhookFailure['params']>;

function failureText(failure: WebhookFailure): string {
	switch (failure.code) {
		case 'refused':
			return m.webhooks_failure_not_sent({ refusal: targetRefusalText(failure.params) });
		case 'notConnected':
			return m.webhooks_failure_not_connected(failure.params);
		case 'timedOut':
			return m.webhooks_failure_timed_out({ seconds: formatNumber(failure.params.seconds) });
		case 'answered': {
			const { status, excerpt } = failure.params;
			const answered =
				status >= 300 && status < 400
					? m.webhooks_failure_redirected({ status })
					: m.webhooks_failure_answered({ status });
			return excerpt ? `${answered} ${excerpt}` : answered;
		}
		case 'disabled':
			return m.webhooks_not_sent_disabled();
	}
}

/** Why the last attempt failed, in the reader's words; a delivery from before the codes keeps its stored text. */
export function webhookFailureText(delivery: {
	lastErrorCode: WebhookFailureCode | null;
	lastErrorParams: WebhookFailureParams | null;
	lastError: string | null;
}): string {
	return delivery.lastErrorCode
		? failureText({
				code: delivery.lastErrorCode,
				params: delivery.lastErrorParams ?? undefined
			} as WebhookFailure)
		: (delivery.lastError ?? '');
}
