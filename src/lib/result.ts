/** The statuses a refusal answers with: each one something the person can act on. */
export type RefusalStatus = 400 | 404 | 409 | 413 | 429;

/**
 * A rule the person can act on, returned as a value rather than thrown: exceptions are for bugs
 * and outages. `field` names the form field the message belongs next to, when it is about one.
 */
export type Refusal = { ok: false; status: RefusalStatus; message: string; field?: string };

/** What a service returns when it may refuse: its answer, or why not. */
export type Result<T extends object = object> = ({ ok: true } & T) | Refusal;

export const refuse = (status: RefusalStatus, message: string): Refusal => ({
	ok: false,
	status,
	message
});
