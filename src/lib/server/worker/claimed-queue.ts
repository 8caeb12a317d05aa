/**
 * One round of a queue in the database (webhook deliveries): `claim` picks the due items and
 * claims them in one transaction that commits before any is handled (an update from their waiting
 * to their in-flight status that only one worker can win, however many processes run); then the
 * claimed ones are handled `atOnce` at a time, in the order `claim` gave them, outside any
 * transaction (webhooks are posted while other writers go on). Each item records its own outcome;
 * the outbox batches its records instead (mail/delivery.ts).
 * Returns how many items were claimed.
 */
export async function handleClaimed<Item>(
	claim: () => Promise<Item[]>,
	handle: (item: Item) => Promise<void>,
	atOnce: number
): Promise<number> {
	const waiting = await claim();
	const claimed = waiting.length;
	await Promise.all(
		Array.from({ length: Math.min(atOnce, waiting.length) }, async () => {
			while (waiting.length) await handle(waiting.shift()!);
		})
	);
	return claimed;
}
