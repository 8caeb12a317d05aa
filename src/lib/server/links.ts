import { appConfig } from './config';

/** Absolute link for someone outside this request (an invitee): ORIGIN when set, else this request's. */
export function publicUrl(path: string, requestUrl: URL): string {
	return new URL(path, appConfig().origin ?? requestUrl.origin).toString();
}
