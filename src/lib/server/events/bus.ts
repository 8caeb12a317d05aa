import type { Queryable } from '../db';
import type { DomainEvents } from './domain-events';

/**
 * Runs in the dispatcher's transaction and queries through the `db` it is given (the transaction's
 * `tx`): what it writes commits or rolls back with the change it reacts to.
 */
export type Subscriber<Events, Name extends keyof Events> = (
	db: Queryable,
	event: Events[Name]
) => void | Promise<void>;

export type EventBus<Events> = {
	subscribe<Name extends keyof Events>(name: Name, subscriber: Subscriber<Events, Name>): void;
	dispatch<Name extends keyof Events>(
		db: Queryable,
		name: Name,
		event: Events[Name]
	): Promise<void>;
};

export function createEventBus<Events>(): EventBus<Events> {
	const subscribers = new Map<keyof Events, Subscriber<Events, keyof Events>[]>();
	return {
		subscribe(name, subscriber) {
			const list = subscribers.get(name) ?? [];
			list.push(subscriber as Subscriber<Events, keyof Events>);
			subscribers.set(name, list);
		},
		async dispatch(db, name, event) {
			// A bus nobody subscribed to is a process that skipped its start-up: the cells and
			// follow-ups would silently miss this change.
			if (!subscribers.size)
				throw new Error(
					`"${String(name)}" was dispatched before any subscriber was installed (installSubscribers)`
				);
			// One after another, in the order they subscribed: a later subscriber may read what an
			// earlier one wrote, and nested work on one transaction must not interleave.
			for (const subscriber of subscribers.get(name) ?? []) await subscriber(db, event);
		}
	};
}

/** The app's domain events: services dispatch, the subscribers installed at start react. */
export const domainEvents = createEventBus<DomainEvents>();
