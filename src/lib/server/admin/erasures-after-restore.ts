import Database from 'better-sqlite3';
import { closeSqlite, openSqlite } from '../db/sqlite-connections';
import { eraseClients } from '../privacy/erasure';

type Entry = { id: number; at: number; action: string; subject: string };

/**
 * Clients erased after a backup was taken stay erased when it is restored: the replaced database
 * holds the later history, and its `client.erase` entries since the backup's newest audit entry
 * are erased again in the restored one. Only when that newest entry is in the replaced database
 * too — the same history, so the same client ids; a database from another install is left as is.
 * Returns how many clients were erased again.
 */
export async function eraseAgainAfterRestore(
	restoredPath: string,
	replacedPath: string
): Promise<number> {
	const newest = reading(
		restoredPath,
		(file) =>
			file
				.prepare('select id, at, action, subject from audit_log order by id desc limit 1')
				.get() as Entry | undefined
	);
	if (!newest) return 0;
	const erasedSince = reading(replacedPath, (file) => {
		const same = file
			.prepare('select id, at, action, subject from audit_log where id = ?')
			.get(newest.id) as Entry | undefined;
		if (
			!same ||
			same.at !== newest.at ||
			same.action !== newest.action ||
			same.subject !== newest.subject
		)
			return [];
		const subjects = file
			.prepare("select subject from audit_log where action = 'client.erase' and id > ? order by id")
			.all(newest.id) as { subject: string }[];
		return subjects
			.map(({ subject }) => /^client:(\d+)$/.exec(subject)?.[1])
			.filter((id) => id !== undefined)
			.map(Number);
	});
	if (!erasedSince.length) return 0;
	// Erasure runs in a transaction, which needs the writer openSqlite keeps beside the reader.
	const db = openSqlite(restoredPath);
	try {
		return await eraseClients(db, erasedSince, {});
	} finally {
		closeSqlite(db);
	}
}

/** Reads and closes again. Not opened read-only: that would leave -wal and -shm files beside the file. */
function reading<T>(path: string, read: (file: Database.Database) => T): T {
	const file = new Database(path, { fileMustExist: true });
	try {
		return read(file);
	} finally {
		file.close();
	}
}
