/** Days in Satisfy are UTC days: stored, compared and shown as `YYYY-MM-DD`. */

export const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC day of a moment, `YYYY-MM-DD`. */
export const utcDay = (date: Date | number) => new Date(date).toISOString().slice(0, 10);
