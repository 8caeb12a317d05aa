import { z } from 'zod';

/** Bulk changes to more clients than this ask once, saying how many; fewer go through at once. */
export const HANDFUL = 5;

/**
 * A bulk form's answer to "this changes N clients, go ahead?": the N it was asked about. A change
 * that now reaches another number (the list changed meanwhile) asks again.
 */
export const confirmedCountSchema = z.object({
	confirmedCount: z.coerce.number().int().positive().optional().catch(undefined)
});

/** Whether changing `count` clients must first be confirmed for that very count. */
export const needsConfirmation = (count: number, confirmedCount: number | undefined): boolean =>
	count > HANDFUL && confirmedCount !== count;
