import * as m from '../../paraglide/messages';
import { refuse, type Result } from '../../result';
import { and, count, desc, eq, gte, isNotNull, isNull, lte } from 'drizzle-orm';
import type { CampaignSkip } from '../../campaigns/skipped-text';
import type { ClientFilter } from '../../schemas/client-filter';
import type { Db, Queryable } from '../db';
import { forUpdate, serializeOn } from '../db/dialect';
import { first } from '../db/queries';
import { inTransaction } from '../db/transaction';
import { campaigns, clients, invitations, outboxMessages, segments, surveys } from '../db/schema';
import { clientIdsMatching, countClients } from '../clients/queries';
import { getSegment } from '../clients/segments';
import { scopedCampaigns, type Scope } from '../auth/scope';
import { inviteClientWithReason } from '../invitations/service';
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
export async function audienceFilter(
	db: Queryable,
	segmentId: number | null
): Promise<ClientFilter | null> {
	const segment = segmentId === null ? null : await getSegment(db, segmentId);
	if (segmentId !== null && !segment) return null;
	return { ...segment?.filter, reachability: 'reachable' };
}

export async function audienceSize(db: Queryable, segmentId: number | null): Promise<number> {
	const filter = await audienceFilter(db, segmentId);
	return filter ? await countClients(db, filter) : 0;
}

export async function createCampaign(
	db: Db,
	input: CampaignInput,
	userId: string | null,
	limit: Scope | null = null
): Promise<Result<{ id: number }>> {
	if (limit && input.segmentId !== limit.segmentId)
		return {
			...refuse(400, m.campaigns_scope_segment_refused({ segment: limit.name })),
			field: 'segmentId'
		};
	return inTransaction(db, async (tx): Promise<Result<{ id: number }>> => {
		const survey = await first(
			forUpdate(tx.select().from(surveys).where(eq(surveys.id, input.surveyId)))
		);
		if (!survey || survey.status !== 'open')
			return refuse(400, m.campaigns_survey_not_open_refused());
		if (input.segmentId !== null && !(await getSegment(tx, input.segmentId)))
			return refuse(400, m.campaigns_segment_gone_refused());
		const [created] = await tx
			.insert(campaigns)
			.values({
				...input,
				status: 'scheduled',
				nextRunAt: input.sendAt,
				createdBy: userId,
				createdAt: new Date()
			})
			.returning({ id: campaigns.id });
		return { ok: true, id: created!.id };
	});
}

export async function cancelCampaign(
	db: Db,
	id: number,
	limit: Scope | null = null
): Promise<boolean> {
	return inTransaction(db, async (tx) => {
		const cancelled = await tx
			.update(campaigns)
			.set({ status: 'cancelled', nextRunAt: null })
			.where(and(eq(campaigns.id, id), eq(campaigns.status, 'scheduled'), scopedCampaigns(limit)))
			.returning({ id: campaigns.id });
		return cancelled.length > 0;
	});
}

function nextMonth(date: Date): Date {
	const next = new Date(date);
	next.setUTCMonth(next.getUTCMonth() + 1);
	return next;
}

/** Clients invited per transaction (about 15 ms of work): one commit each, and requests are answered in between. */
const SLICE = 200;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Read without a row lock: a cancellation must not wait for the slice under way, which finishes
 * anyway; the next slice sees it. (Locked, a cancellation on PostgreSQL could lose the row to each
 * next slice in turn, and come only once the campaign was done.)
 */
const campaignStatus = async (db: Queryable, id: number) =>
	(await first(db.select({ status: campaigns.status }).from(campaigns).where(eq(campaigns.id, id))))
		?.status;

/**
 * Runs the campaigns that are due: invites every client in the audience (the survey-fatigue rule
 * and consent apply; skipped clients are counted by reason) and queues their emails. A monthly
 * campaign re-evaluates its segment each time. The audience is invited in slices, so a campaign
 * to tens of thousands neither freezes the server nor is lost half-way: a run cut short by a
 * restart carries on with the clients it has not invited yet, and a cancelled one stops.
 * One process runs it (the server's campaign task); several nodes need the task claimed (#17's
 * next step).
 */
export async function runDueCampaigns(db: Db, now = new Date()): Promise<number> {
	const due = await db
		.select()
		.from(campaigns)
		.where(
			and(
				eq(campaigns.status, 'scheduled'),
				isNotNull(campaigns.nextRunAt),
				lte(campaigns.nextRunAt, now)
			)
		);
	for (const campaign of due) {
		const filter = await audienceFilter(db, campaign.segmentId);
		const survey = await first(db.select().from(surveys).where(eq(surveys.id, campaign.surveyId)));
		// By reason, the same reason once however many clients it skipped.
		const skipped = new Map<string, { reason: CampaignSkip; count: number }>();
		const skip = (reason: CampaignSkip) => {
			const key = JSON.stringify(reason);
			skipped.set(key, { reason, count: (skipped.get(key)?.count ?? 0) + 1 });
		};
		if (filter && survey?.status === 'open') {
			const invitedThisRun = new Set(
				(
					await db
						.select({ clientId: invitations.clientId })
						.from(invitations)
						.where(
							and(
								eq(invitations.campaignId, campaign.id),
								gte(invitations.createdAt, campaign.nextRunAt!)
							)
						)
				).map((row) => row.clientId)
			);
			// In the order of their ids: two runs lock the clients they invite in one order, so
			// neither waits for the other in a circle.
			const audience = (await clientIdsMatching(db, filter, now))
				.filter((id) => !invitedThisRun.has(id))
				.sort((a, b) => a - b);
			for (let start = 0; start < audience.length; start += SLICE) {
				// A slice is invited only while the campaign is still scheduled (not cancelled meanwhile).
				const invitedSlice = await inTransaction(db, async (tx) => {
					if ((await campaignStatus(tx, campaign.id)) !== 'scheduled') return false;
					for (const clientId of audience.slice(start, start + SLICE)) {
						const invited = await inviteClientWithReason(tx, {
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
							skip(invited.refusal);
							continue;
						}
						await enqueueInvitationEmail(
							tx,
							{ id: invited.invitationId, toAddress: invited.clientEmail, sendAt: now },
							now
						);
					}
					return true;
				});
				if (!invitedSlice) break;
				await nextTurn();
			}
		} else skip({ code: filter ? 'surveyClosed' : 'segmentGone' });
		const monthly = campaign.recurrence === 'monthly' && filter && survey?.status === 'open';
		await inTransaction(db, async (tx) => {
			await tx
				.update(campaigns)
				.set({
					lastRunAt: now,
					skippedReasons: [...skipped.values()],
					skipped: null,
					status: monthly ? 'scheduled' : 'done',
					nextRunAt: monthly ? nextMonth(campaign.nextRunAt!) : null
				})
				// A campaign cancelled while it was sending stays cancelled.
				.where(and(eq(campaigns.id, campaign.id), eq(campaigns.status, 'scheduled')));
		});
	}
	return due.length;
}

type RemindingCampaign = { reminderAfterDays: number | null; maxReminders: number };

/** Whether an invitation's emails call for a reminder now: none pending, fewer than allowed, the last one old enough. */
async function reminderDue(
	db: Queryable,
	invitationId: number,
	campaign: RemindingCampaign,
	now: Date
): Promise<boolean> {
	const cutoff = new Date(now.getTime() - campaign.reminderAfterDays! * DAY_MS);
	const emails = await db
		.select({
			kind: outboxMessages.kind,
			status: outboxMessages.status,
			at: outboxMessages.sentAt,
			createdAt: outboxMessages.createdAt
		})
		.from(outboxMessages)
		.where(eq(outboxMessages.invitationId, invitationId));
	const reminders = emails.filter((email) => email.kind === 'reminder').length;
	const pending = emails.some((email) => email.status === 'queued' || email.status === 'sending');
	const last = Math.max(...emails.map((email) => (email.at ?? email.createdAt).getTime()));
	return !(pending || reminders >= campaign.maxReminders || last > cutoff.getTime());
}

/**
 * Reminders for those who have not answered: one more email when the last one is `reminderAfterDays`
 * old, at most `maxReminders` times, while the link is still valid and the client still reachable.
 * The invitations that call for one are found outside any transaction, then checked again in the
 * transaction that queues their reminders, a slice at a time.
 */
export async function queueReminders(db: Db, now = new Date()): Promise<number> {
	const reminding = await db.select().from(campaigns).where(isNotNull(campaigns.reminderAfterDays));
	let queued = 0;
	for (const campaign of reminding) {
		if (!campaign.maxReminders) continue;
		const remindable = { ...campaign, maxReminders: campaign.maxReminders };
		const waiting = await db
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
			);
		const due: typeof waiting = [];
		for (const invitation of waiting) {
			if (invitation.expiresAt && invitation.expiresAt <= now) continue;
			if (await reminderDue(db, invitation.id, remindable, now)) due.push(invitation);
		}
		for (let start = 0; start < due.length; start += SLICE) {
			queued += await inTransaction(db, async (tx) => {
				// Every app node runs this task: another node's slice of the same campaign waits here,
				// then finds the reminders it queued pending.
				await serializeOn(tx, `reminders of campaign ${campaign.id}`);
				let inSlice = 0;
				for (const invitation of due.slice(start, start + SLICE)) {
					if (!(await reminderDue(tx, invitation.id, remindable, now))) continue;
					await enqueueInvitationEmail(
						tx,
						{ id: invitation.id, toAddress: invitation.email, sendAt: now, kind: 'reminder' },
						now
					);
					inSlice += 1;
				}
				return inSlice;
			});
		}
	}
	return queued;
}

/** The funnel of one campaign: how far its invitations got. */
export async function campaignFunnel(db: Queryable, campaignId: number) {
	const counted = async (condition?: ReturnType<typeof isNotNull>) =>
		(
			await first(
				db
					.select({ n: count() })
					.from(invitations)
					.where(
						condition
							? and(eq(invitations.campaignId, campaignId), condition)
							: eq(invitations.campaignId, campaignId)
					)
			)
		)?.n ?? 0;
	const invited = await counted();
	const accepted = await counted(isNotNull(invitations.sentAt));
	const completed = await counted(isNotNull(invitations.completedAt));
	const emails = async (status: 'queued' | 'failed') =>
		(
			await first(
				db
					.select({ n: count() })
					.from(outboxMessages)
					.innerJoin(invitations, eq(invitations.id, outboxMessages.invitationId))
					.where(and(eq(invitations.campaignId, campaignId), eq(outboxMessages.status, status)))
			)
		)?.n ?? 0;
	return {
		invited,
		queued: await emails('queued'),
		/** Emails (invitations and reminders) the mail server refused for good or that ran out of tries. */
		failed: await emails('failed'),
		accepted,
		opened: await counted(isNotNull(invitations.openedAt)),
		started: await counted(isNotNull(invitations.startedAt)),
		/** Answered in part — a page saved, or a one-click answer from the email — and not sent yet. */
		partial: await counted(and(isNotNull(invitations.startedAt), isNull(invitations.completedAt))),
		completed,
		responseRate: accepted ? completed / accepted : null
	};
}

export async function listCampaigns(db: Queryable, limit: Scope | null = null) {
	const rows = await db
		.select({ campaign: campaigns, survey: surveys.name, segment: segments.name })
		.from(campaigns)
		.innerJoin(surveys, eq(surveys.id, campaigns.surveyId))
		.leftJoin(segments, eq(segments.id, campaigns.segmentId))
		.where(scopedCampaigns(limit))
		.orderBy(desc(campaigns.id));
	const listed = [];
	for (const { campaign, survey, segment } of rows)
		listed.push({ ...campaign, survey, segment, funnel: await campaignFunnel(db, campaign.id) });
	return listed;
}

export async function clientsInvitedBy(db: Queryable, campaignId: number): Promise<string[]> {
	const rows = await db
		.select({ email: clients.email })
		.from(invitations)
		.innerJoin(clients, eq(clients.id, invitations.clientId))
		.where(eq(invitations.campaignId, campaignId));
	return rows.map((row) => row.email);
}
