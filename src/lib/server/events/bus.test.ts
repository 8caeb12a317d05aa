import { describe, expect, it } from 'vitest';
import type { Queryable } from '../db';
import { createEventBus } from './bus';

type Events = { 'thing.happened': { n: number }; 'other.happened': { s: string } };
const db = {} as Queryable;

describe('an event bus', () => {
	it('calls the subscribers of the dispatched event only, in the order they subscribed', () => {
		const bus = createEventBus<Events>();
		const heard: string[] = [];
		bus.subscribe('thing.happened', (_db, { n }) => heard.push(`first ${n}`));
		bus.subscribe('other.happened', (_db, { s }) => heard.push(`other ${s}`));
		bus.subscribe('thing.happened', (_db, { n }) => heard.push(`second ${n}`));
		bus.dispatch(db, 'thing.happened', { n: 7 });
		expect(heard).toEqual(['first 7', 'second 7']);
	});

	it('refuses a dispatch before anything subscribed: a process that skipped its start-up', () => {
		const bus = createEventBus<Events>();
		expect(() => bus.dispatch(db, 'thing.happened', { n: 1 })).toThrow(/installSubscribers/);
	});

	it('lets a subscriber’s failure reach the dispatcher, so its transaction rolls back', () => {
		const bus = createEventBus<Events>();
		bus.subscribe('thing.happened', () => {
			throw new Error('no cells today');
		});
		expect(() => bus.dispatch(db, 'thing.happened', { n: 1 })).toThrow('no cells today');
	});

	it('refuses an asynchronous subscriber, whose work would escape the transaction', () => {
		const bus = createEventBus<Events>();
		bus.subscribe('thing.happened', async () => {});
		expect(() => bus.dispatch(db, 'thing.happened', { n: 1 })).toThrow(/asynchronous/);
	});
});
