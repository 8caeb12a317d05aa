import type { Queryable } from '../db';
import type { DomainEvents } from './domain-events';

/**
 * Runs in the dispatcher's transaction, so it must be synchronous: better-sqlite3 commits when the
 * transaction's function returns, and work left for later would escape the rollback.
 */
export type Subscriber<Events, Name extends keyof Events> = (
	db: Queryable,
	event: Events[Name]
) => void;

export type EventBus<Events> = {
	subscribe<Name extends keyof Events>(name: Name, subscriber: Subscriber<Events, Name>): void;
	dispatch<Name extends keyof Events>(db: Queryable, name: Name, event: Events[Name]): void;
};

export function createEventBus<Events>(): EventBus<Events> {
	const subscribers = new Map<keyof Events, Subscriber<Events, keyof Events>[]>();
	return {
		subscribe(name, subscriber) {
			const list = subscribers.get(name) ?? [];
			list.push(subscriber as Subscriber<Events, keyof Events>);
			subscribers.set(name, list);
		},
		dispatch(db, name, event) {
			// A bus nobody subscribed to is a process that skipped its start-up: the cells and
			// follow-ups would silently miss this change.
			if (!subscribers.size)
				throw new Error(
					`"${String(name)}" was dispatched before any subscriber was installed (installSubscribers)`
				);
			// In the order they subscribed: a later subscriber may read what an earlier one wrote.
			for (const subscriber of subscribers.get(name) ?? []) {
				const outcome: unknown = subscriber(db, event);
				if (outcome instanceof Promise)
					throw new Error(`A subscriber to "${String(name)}" is asynchronous; it must not be`);
			}
		}
	};
}

/** The app's domain events: services dispatch, the subscribers installed at start react. */
export const domainEvents = createEventBus<DomainEvents>();
