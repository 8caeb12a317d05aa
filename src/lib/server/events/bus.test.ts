import { describe, expect, it } from 'vitest';
import type { Queryable } from '../db';
import { createEventBus } from './bus';

type Events = { 'thing.happened': { n: number }; 'other.happened': { s: string } };
const db = {} as Queryable;

describe('an event bus', () => {
	it('calls the subscribers of the dispatched event only, in the order they subscribed', async () => {
		const bus = createEventBus<Events>();
		const heard: string[] = [];
		bus.subscribe('thing.happened', (_db, { n }) => {
			heard.push(`first ${n}`);
		});
		bus.subscribe('other.happened', (_db, { s }) => {
			heard.push(`other ${s}`);
		});
		bus.subscribe('thing.happened', (_db, { n }) => {
			heard.push(`second ${n}`);
		});
		await bus.dispatch(db, 'thing.happened', { n: 7 });
		expect(heard).toEqual(['first 7', 'second 7']);
	});

	it('refuses a dispatch before anything subscribed: a process that skipped its start-up', async () => {
		const bus = createEventBus<Events>();
		await expect(bus.dispatch(db, 'thing.happened', { n: 1 })).rejects.toThrow(
			/installSubscribers/
		);
	});

	it('lets a subscriber’s failure reach the dispatcher, so its transaction rolls back', async () => {
		const bus = createEventBus<Events>();
		bus.subscribe('thing.happened', async () => {
			throw new Error('no cells today');
		});
		await expect(bus.dispatch(db, 'thing.happened', { n: 1 })).rejects.toThrow('no cells today');
	});

	it('waits for an asynchronous subscriber before calling the next', async () => {
		const bus = createEventBus<Events>();
		const heard: string[] = [];
		bus.subscribe('thing.happened', async (_db, { n }) => {
			await new Promise((resolve) => setTimeout(resolve, 5));
			heard.push(`slow ${n}`);
		});
		bus.subscribe('thing.happened', (_db, { n }) => {
			heard.push(`next ${n}`);
		});
		await bus.dispatch(db, 'thing.happened', { n: 3 });
		expect(heard).toEqual(['slow 3', 'next 3']);
	});
});
