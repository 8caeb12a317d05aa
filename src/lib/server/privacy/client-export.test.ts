import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { noActorLabel } from '../../audit-log';
import { recentAudit } from '../audit';
import type { Db } from '../db';
import { invitations } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { recordClick } from '../invitations/one-click';
import { updateOwnProfile } from '../invitations/service';
import { exportClient } from './client-export';
import { anna, annaEverywhere, withAnnaAndBen } from './test-person';

let db: Db;
let remove: () => Promise<void>;
let setup: { surveyId: number; mark: string };

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	setup = await withAnnaAndBen(db);
});
afterEach(() => remove());

describe('right of access', () => {
	it('exports one client’s record as JSON and logs the export', async () => {
		const exported = await exportClient(db, anna.id, { userId: setup.mark });
		expect(exported?.client).toMatchObject({
			email: anna.email,
			phone: anna.phone,
			tags: ['vip'],
			attributes: { nickname: anna.nickname },
			accountManager: { name: 'Mark', email: 'mark@staff.test' }
		});
		expect((await recentAudit(db, 1))[0]).toMatchObject({
			action: 'client.export',
			subject: `client:${anna.id}`,
			actorUserId: setup.mark
		});
		expect(await exportClient(db, 99, { userId: setup.mark })).toBeNull();
	});

	it('holds everything kept about the person: consent, invitations, emails, responses, cases, reviews and audit entries', async () => {
		await annaEverywhere(db, setup, 'The seat was broken.');
		await updateOwnProfile(db, anna.id, {
			phone: anna.phone,
			language: 'de',
			consent: true,
			unsubscribed: true
		});

		const [, started] = await db
			.select({ id: invitations.id })
			.from(invitations)
			.where(eq(invitations.clientId, anna.id))
			.orderBy(invitations.id);
		await recordClick(db, started!.id, { overall: '2' });

		const exported = (await exportClient(db, anna.id, { userId: setup.mark }))!;

		expect(Object.keys(exported)).toEqual([
			'exportedAt',
			'client',
			'consent',
			'invitations',
			'emails',
			'responses',
			'cases',
			'reviews',
			'audit'
		]);
		expect(exported.consent).toMatchObject({
			consentedAt: expect.any(String),
			unsubscribedAt: expect.any(String),
			changesByClient: [{ consent: true, unsubscribed: true }]
		});
		// The one she was sent and the one she started: its unsent answers are hers too.
		expect(exported.invitations).toMatchObject([
			{ channel: 'email', sentAt: expect.any(String), unsentAnswers: null },
			{
				channel: 'api',
				unsentAnswers: { answers: { improve: `${anna.nickname} would like a window seat` } },
				oneClickAnswers: [{ question: 'overall', value: '2', counted: true }]
			}
		]);
		expect(exported.emails.map((email) => [email.kind, email.to, email.status])).toEqual([
			['invitation', anna.email, 'stored'],
			['reminder', anna.email, 'stored']
		]);
		expect(exported.responses).toHaveLength(1);
		expect(exported.responses[0]).toMatchObject({
			tags: ['callback'],
			note: `${anna.name} wants a call on ${anna.phone}`
		});
		expect(exported.responses[0]!.answers).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ questionId: 'overall', score: 1, scale: '1–5' }),
				expect.objectContaining({ questionId: 'improve', text: 'The seat was broken.' })
			])
		);
		expect(exported.cases).toHaveLength(1);
		expect(exported.cases[0]!.history.map((event) => event.detail)).toContain(
			`Called ${anna.name} on ${anna.phone}`
		);
		expect(exported.reviews).toMatchObject([
			{ source: 'google', author: anna.name, text: 'The flight was late again.' }
		]);
		expect(exported.audit.map((entry) => entry.action)).toEqual([
			'client.self-service',
			'client.export'
		]);
		expect(exported.audit[0]!.by).toBe(noActorLabel());
		expect(exported.audit[1]!.by).toBe('Mark <mark@staff.test>');
	});

	it('holds nothing about anyone else', async () => {
		await annaEverywhere(db, setup, 'The seat was broken.');
		const text = JSON.stringify(await exportClient(db, anna.id, { userId: setup.mark }));
		expect(text).not.toContain('ben@example.com');
		expect(text).not.toContain('Ben Berg');
	});
});
