import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { endpoints } from '.';
import { auditFilterSchema } from '../../../schemas/audit-filter';
import { createApiKey } from '../../api-keys/service';
import { recordAudit } from '../../audit';
import { auditPage, auditPageJson } from '../../audit-log/queries';
import type { Db } from '../../db';
import { openTestDatabase } from '../../db/test-database';
import { openApiDocument } from '../openapi';
import { listAudit } from './audit';

let db: Db;
let remove: () => Promise<void>;
beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
});
afterEach(() => remove());

describe('GET /api/v1/audit', () => {
	it('is documented for owner keys only, with its filters and cursor', () => {
		const operation = openApiDocument(endpoints, '1').paths['/api/v1/audit']?.get;
		expect(operation?.['x-required-role']).toBe('owner');
		expect(operation?.parameters.map(({ name }) => name)).toEqual([
			'actor',
			'action',
			'subject',
			'from',
			'to',
			'cursor',
			'limit'
		]);
	});

	it('answers with the entries the page shows, in the documented shape', async () => {
		const key = (await createApiKey(db, { name: 'Auditor', role: 'owner', createdBy: null }))
			.apiKey;
		await recordAudit(db, { apiKeyId: key.id }, 'client.view', 'client:7');
		await recordAudit(db, {}, 'client.self-service', 'client:7', { consent: true });
		const body = listAudit.response.parse(
			auditPageJson(await auditPage(db, auditFilterSchema.parse({ limit: '1' })))
		);
		expect(body.items).toEqual([
			{
				id: 2,
				at: expect.any(String),
				actor: null,
				action: 'client.self-service',
				subject: 'client:7',
				details: { consent: true }
			}
		]);
		expect(body.nextCursor).toBe(2);
	});
});
