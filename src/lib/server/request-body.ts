import { error } from '@sveltejs/kit';
import { bodySizeLimit } from './config';
import * as m from '../paraglide/messages';

/** adapter-node errors a body's stream with a 413 once it passes BODY_SIZE_LIMIT. */
export const isBodyTooLarge = (cause: unknown) =>
	(cause as { status?: unknown } | null)?.status === 413;

export const bodyTooLargeMessage = () => m.request_body_too_large({ limit: bodySizeLimit() });

/**
 * `request.formData()` rejects a body that is not the form its Content-Type announces (a
 * multipart body without a boundary, say) or that passes the size limit; SvelteKit would answer
 * either with a 500. Every form action reads its form through this request, so both become the
 * client's error here, once: 413 past the limit, else 400.
 */
export function answerUnreadableFormsAsClientErrors(request: Request): void {
	const formData = request.formData.bind(request);
	Object.defineProperty(request, 'formData', {
		value: async () => {
			try {
				return await formData();
			} catch (cause) {
				if (isBodyTooLarge(cause)) error(413, bodyTooLargeMessage());
				error(400, m.request_form_unreadable());
			}
		}
	});
}
