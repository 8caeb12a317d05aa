import { actorLabel } from '../../audit-log';
import type { AuditFilter } from '../../schemas/audit-filter';
import { csvLines } from '../csv-download';
import type { Queryable } from '../db';
import { auditBatches } from './queries';

const columns = ['id', 'at', 'actor', 'actorId', 'action', 'record', 'details'];

/** The filtered log as CSV, newest first, a batch of lines at a time; names and details are formula-neutralised. */
export async function* auditCsv(db: Queryable, filter: AuditFilter): AsyncGenerator<string> {
	yield csvLines([columns]);
	for await (const batch of auditBatches(db, filter)) {
		yield csvLines(
			batch.map((entry) => [
				String(entry.id),
				entry.at.toISOString(),
				actorLabel(entry.actor),
				entry.actor ? `${entry.actor.kind}:${entry.actor.id}` : '',
				entry.action,
				entry.subject,
				entry.details === null ? '' : JSON.stringify(entry.details)
			])
		);
	}
}
