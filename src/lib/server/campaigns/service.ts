import { refuse, type Result } from '../../result';
import { and, count, desc, eq, gte, isNotNull, isNull, lte } from 'drizzle-orm';
import type { ClientFilter } from '../../schemas/client-filter';
import type { Db, Queryable } from '../db';
import { inTransaction } from '../db/transaction';
import { campaigns, clients, invitations, outboxMessages, segments, surveys } from '../db/schema';
import { clientIdsMatching, countClients } from '../clients/queries';
import { getSegment } from '../clients/segments';
import { scopedCampaigns, type Scope } from '../auth/scope';
import { inviteClient } from '../invitations/service';
import { enqueueInvitationEmail } from '../mail/queue';
import { DAY_MS } from '../../dates';

export type CampaignInput = {
	name: string;
	surveyId: number;
	segmentId: number | null;
	sendAt: Date;
	recurrence: 'once' | 'monthly';
	fatigueDays: number;
	expiresInDays: number;
	reminderAfterDays?: number | null;
	maxReminders?: number;
};

/** Who a campaign reaches: its segment's current members (or everyone) who consented and did not unsubscribe. */
export function audienceFilter(db: Queryable, segmentId: number | null): ClientFilter | null {
	const segment = segmentId === null ? null : getSegment(db, segmentId);
	if (segmentId !== null && !segment) return null;
	return { ...segment?.filter, reachability: 'reachable' };
}

export function audienceSize(db: Queryable, segmentId: number | null): number {
	const filter = audienceFilter(db, segmentId);
	return filter ? countClients(db, filter) : 0;
}

export function createCampaign(
	db: Queryable,
	input: CampaignInput,
	userId: string | null,
	limit: Scope | null = null
): Result<{ id: number }> {
	if (limit && input.segmentId !== limit.segmentId)
		return {
			...refuse(400, `You may survey only the clients of “${limit.name}”: choose that segment.`),
			field: 'segmentId'
		};
	const survey = db.select().from(surveys).where(eq(surveys.id, input.surveyId)).get();
	if (!survey || survey.status !== 'open')
		return refuse(400, 'Choose an open survey: only open surveys can be sent.');
	if (input.segmentId !== null && !getSegment(db, input.segmentId))
		return refuse(400, 'That segment no longer exists.');
	const created = db
		.insert(campaigns)
		.values({
			...input,
			status: 'scheduled',
			nextRunAt: input.sendAt,
			createdBy: userId,
			createdAt: new Date()
		})
		.returning({ id: campaigns.id })
		.get();
	return { ok: true, id: created.id };
}

export function cancelCampaign(db: Queryable, id: number, limit: Scope | null = null): boolean {
	return (
		db
			.update(campaigns)
			.set({ status: 'cancelled', nextRunAt: null })
			.where(and(eq(campaigns.id, id), eq(campaigns.status, 'scheduled'), scopedCampaigns(limit)))
			.returning()
			.get() !== undefined
	);
}

function nextMonth(date: Date): Date {
	const next = new Date(date);
	next.setUTCMonth(next.getUTCMonth() + 1);
	return next;
}

/** Clients invited per transaction (about 15 ms of work): one commit each, and requests are answered in between. */
const SLICE = 200;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

const campaignStatus = (db: Db, id: number) =>
	db.select({ status: campaigns.status }).from(campaigns).where(eq(campaigns.id, id)).get()?.status;

/**
 * Runs the campaigns that are due: invites every client in the audience (the survey-fatigue rule
 * and consent apply; skipped clients are counted by reason) and queues their emails. A monthly
 * campaign re-evaluates its segment each time. The audience is invited in slices, so a campaign
 * to tens of thousands neither freezes the server nor is lost half-way: a run cut short by a
 * restart carries on with the clients it has not invited yet, and a cancelled one stops.
 */
export async function runDueCampaigns(db: Db, now = new Date()): Promise<number> {
	const due = db
		.select()
		.from(campaigns)
		.where(
			and(
				eq(campaigns.status, 'scheduled'),
				isNotNull(campaigns.nextRunAt),
				lte(campaigns.nextRunAt, now)
			)
		)
		.all();
	for (const campaign of due) {
		const filter = audienceFilter(db, campaign.segmentId);
		const survey = db.select().from(surveys).where(eq(surveys.id, campaign.surveyId)).get();
		const skipped: Record<string, number> = {};
		if (filter && survey?.status === 'open') {
			const invitedThisRun = new Set(
				db
					.select({ clientId: invitations.clientId })
					.from(invitations)
					.where(
						and(
							eq(invitations.campaignId, campaign.id),
							gte(invitations.createdAt, campaign.nextRunAt!)
						)
					)
					.all()
					.map((row) => row.clientId)
			);
			const audience = clientIdsMatching(db, filter, now).filter((id) => !invitedThisRun.has(id));
			for (let start = 0; start < audience.length; start += SLICE) {
				if (campaignStatus(db, campaign.id) !== 'scheduled') break;
				await inTransaction(db, async (tx) => {
					for (const clientId of audience.slice(start, start + SLICE)) {
						const invited = await inviteClient(tx, {
							surveyId: campaign.surveyId,
							client: { id: clientId },
							channel: 'email',
							campaignId: campaign.id,
							fatigueDays: campaign.fatigueDays,
							sendAt: now,
							expiresAt: new Date(now.getTime() + campaign.expiresInDays * DAY_MS),
							now
						});
						if (!invited.ok) {
							const reason = invited.message.replace(/\d+ days? ago|today/, 'recently');
							skipped[reason] = (skipped[reason] ?? 0) + 1;
							continue;
						}
						enqueueInvitationEmail(
							tx,
							{ id: invited.invitationId, toAddress: invited.clientEmail, sendAt: now },
							now
						);
					}
				});
				await nextTurn();
			}
		} else {
			skipped[filter ? 'The survey is no longer open.' : 'The segment no longer exists.'] = 1;
		}
		const monthly = campaign.recurrence === 'monthly' && filter && survey?.status === 'open';
		db.update(campaigns)
			.set({
				lastRunAt: now,
				skipped,
				status: monthly ? 'scheduled' : 'done',
				nextRunAt: monthly ? nextMonth(campaign.nextRunAt!) : null
			})
			// A campaign cancelled while it was sending stays cancelled.
			.where(and(eq(campaigns.id, campaign.id), eq(campaigns.status, 'scheduled')))
			.run();
	}
	return due.length;
}

/**
 * Reminders for those who have not answered: one more email when the last one is `reminderAfterDays`
 * old, at most `maxReminders` times, while the link is still valid and the client still reachable.
 */
export function queueReminders(db: Db, now = new Date()): number {
	const reminding = db.select().from(campaigns).where(isNotNull(campaigns.reminderAfterDays)).all();
	let queued = 0;
	for (const campaign of reminding) {
		if (!campaign.maxReminders) continue;
		const cutoff = new Date(now.getTime() - campaign.reminderAfterDays! * DAY_MS);
		const waiting = db
			.select({ id: invitations.id, email: clients.email, expiresAt: invitations.expiresAt })
			.from(invitations)
			.innerJoin(clients, eq(clients.id, invitations.clientId))
			.where(
				and(
					eq(invitations.campaignId, campaign.id),
					isNotNull(invitations.sentAt),
					isNull(invitations.completedAt),
					isNull(clients.unsubscribedAt)
				)
			)
			.all();
		for (const invitation of waiting) {
			if (invitation.expiresAt && invitation.expiresAt <= now) continue;
			const emails = db
				.select({
					kind: outboxMessages.kind,
					status: outboxMessages.status,
					at: outboxMessages.sentAt,
					createdAt: outboxMessages.createdAt
				})
				.from(outboxMessages)
				.where(eq(outboxMessages.invitationId, invitation.id))
				.all();
			const reminders = emails.filter((email) => email.kind === 'reminder').length;
			const pending = emails.some(
				(email) => email.status === 'queued' || email.status === 'sending'
			);
			const last = Math.max(...emails.map((email) => (email.at ?? email.createdAt).getTime()));
			if (pending || reminders >= campaign.maxReminders || last > cutoff.getTime()) continue;
			enqueueInvitationEmail(
				db,
				{ id: invitation.id, toAddress: invitation.email, sendAt: now, kind: 'reminder' },
				now
			);
			queued += 1;
		}
	}
	return queued;
}

/** The funnel of one campaign: how far its invitations got. */
export function campaignFunnel(db: Queryable, campaignId: number) {
	const counted = (condition?: ReturnType<typeof isNotNull>) =>
		db
			.select({ n: count() })
			.from(invitations)
			.where(
				condition
					? and(eq(invitations.campaignId, campaignId), condition)
					: eq(invitations.campaignId, campaignId)
			)
			.get()?.n ?? 0;
	const invited = counted();
	const accepted = counted(isNotNull(invitations.sentAt));
	const completed = counted(isNotNull(invitations.completedAt));
	const emails = (status: 'queued' | 'failed') =>
		db
			.select({ n: count() })
			.from(outboxMessages)
			.innerJoin(invitations, eq(invitations.id, outboxMessages.invitationId))
			.where(and(eq(invitations.campaignId, campaignId), eq(outboxMessages.status, status)))
			.get()?.n ?? 0;
	return {
		invited,
		queued: emails('queued'),
		/** Emails (invitations and reminders) the mail server refused for good or that ran out of tries. */
		failed: emails('failed'),
		accepted,
		opened: counted(isNotNull(invitations.openedAt)),
		started: counted(isNotNull(invitations.startedAt)),
		completed,
		responseRate: accepted ? completed / accepted : null
	};
}

export function listCampaigns(db: Queryable, limit: Scope | null = null) {
	return db
		.select({ campaign: campaigns, survey: surveys.name, segment: segments.name })
		.from(campaigns)
		.innerJoin(surveys, eq(surveys.id, campaigns.surveyId))
		.leftJoin(segments, eq(segments.id, campaigns.segmentId))
		.where(scopedCampaigns(limit))
		.orderBy(desc(campaigns.id))
		.all()
		.map(({ campaign, survey, segment }) => ({
			...campaign,
			survey,
			segment,
			funnel: campaignFunnel(db, campaign.id)
		}));
}

export function clientsInvitedBy(db: Queryable, campaignId: number): string[] {
	return db
		.select({ email: clients.email })
		.from(invitations)
		.innerJoin(clients, eq(clients.id, invitations.clientId))
		.where(eq(invitations.campaignId, campaignId))
		.all()
		.map((row) => row.email);
}
