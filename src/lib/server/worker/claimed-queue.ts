/**
 * One round of a queue in the database (the outbox, webhook deliveries): each due item is
 * claimed first (an update from its waiting to its in-flight status that only one worker can
 * win, however many processes run), then the claimed ones are handled `atOnce` at a time.
 * Claiming is synchronous, so no two handlers of this process take the same item either.
 * Returns how many items were claimed.
 */
export async function handleClaimed<Item>(
	due: Item[],
	claim: (item: Item) => boolean,
	handle: (item: Item) => Promise<void>,
	atOnce: number
): Promise<number> {
	const waiting = due.filter(claim);
	const claimed = waiting.length;
	await Promise.all(
		Array.from({ length: Math.min(atOnce, waiting.length) }, async () => {
			while (waiting.length) await handle(waiting.shift()!);
		})
	);
	return claimed;
}
