import { customType } from 'drizzle-orm/pg-core';

/**
 * A moment as milliseconds since the epoch in a `bigint`, read and written as a Date: the same
 * numbers SQLite's `timestamp_ms` columns hold, so raw SQL that compares them with millisecond
 * parameters, or reads them in scans, stays the same on both engines, and a copy from SQLite
 * moves the numbers as they are.
 */
export const timestamp = customType<{ data: Date; driverData: number | string }>({
	dataType: () => 'bigint',
	toDriver: (value) => value.getTime(),
	// A number once createPostgresDb has set the bigint parser; text from a client without it.
	fromDriver: (value) => new Date(Number(value))
});

/** Binary data (SQLite's blob in buffer mode); pg-core has no bytea column of its own. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
	dataType: () => 'bytea'
});
