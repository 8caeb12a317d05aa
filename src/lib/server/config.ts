import { z } from 'zod';
import { engineOf } from './db/engine';
import { isAllowListEntry } from './webhooks/target-addresses';

const positiveInt = z.coerce.number().int().positive();

const configSchema = z
	.object({
		DATABASE_URL: z.string().min(1).default('data/app.db'),
		/** Public address of the app, used in links we hand out (invitations, password resets). */
		ORIGIN: z.url().optional(),
		API_RATE_LIMIT_PER_MINUTE: positiveInt.default(600),
		/** Days a client is left alone after an invitation (the survey-fatigue rule). */
		SURVEY_FATIGUE_DAYS: z.coerce.number().int().min(0).default(30),
		/** e.g. smtp://user:pass@mail.example.com:587; without it, mail is kept in the outbox. */
		SMTP_URL: z
			.string()
			.regex(/^smtps?:\/\//, { error: 'use smtp://… or smtps://…' })
			.optional(),
		MAIL_FROM: z.string().min(3).default('Satisfy <surveys@localhost>'),
		MAIL_RATE_PER_MINUTE: positiveInt.default(120),
		/** Pause before the first retry of a temporarily refused email; each further retry waits twice as long. */
		MAIL_RETRY_BASE_SECONDS: positiveInt.default(60),
		/** The key personal links are derived from; unset, one is generated and kept next to the database file. */
		LINK_SECRET: z
			.string()
			.min(32, { error: 'use at least 32 characters, e.g. from `openssl rand -base64 32`' })
			.optional(),
		/** For demos and development only: Settings → Outbox shows kept emails with their working personal links. */
		OUTBOX_SHOWS_LINKS: z
			.enum(['true', 'false'], { error: 'use true or false' })
			.default('false')
			.transform((value) => value === 'true'),
		/** How often the mail worker looks for due mail (and due campaigns). */
		OUTBOX_POLL_SECONDS: positiveInt.default(2),
		/** Pause before the first retry of a webhook delivery; each further retry waits twice as long, up to an hour. */
		WEBHOOK_RETRY_BASE_SECONDS: positiveInt.default(30),
		/** Comma-separated host names, IP addresses and CIDR ranges webhooks may reach although they are loopback, private or link-local. */
		WEBHOOK_ALLOWED_HOSTS: z
			.string()
			.default('')
			.transform((list) =>
				list
					.split(',')
					.map((entry) => entry.trim())
					.filter(Boolean)
			)
			.pipe(
				z.array(
					z.string().refine(isAllowListEntry, {
						error: (issue) =>
							`"${String(issue.input)}" is not a host name, an IP address or a CIDR range like 10.0.0.0/8`
					})
				)
			)
	})
	.refine((env) => engineOf(env.DATABASE_URL) === 'sqlite' || env.LINK_SECRET, {
		// Every node must derive the same personal links, and PostgreSQL has no folder to keep one in.
		path: ['LINK_SECRET'],
		error:
			'set it when DATABASE_URL is PostgreSQL, the same on every app node (e.g. from `openssl rand -base64 32`)'
	});

export type Config = {
	databaseUrl: string;
	origin: string | undefined;
	apiRateLimitPerMinute: number;
	surveyFatigueDays: number;
	smtpUrl: string | undefined;
	mailFrom: string;
	mailRatePerMinute: number;
	mailRetryBaseSeconds: number;
	linkSecret: string | undefined;
	outboxShowsLinks: boolean;
	outboxPollSeconds: number;
	webhookRetryBaseSeconds: number;
	webhookAllowedHosts: string[];
};

/** Reads and validates the environment once; a bad value stops the app with a clear message. */
export function readConfig(env: Record<string, string | undefined> = process.env): Config {
	const parsed = configSchema.safeParse(env);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
	}
	return {
		databaseUrl: parsed.data.DATABASE_URL,
		origin: parsed.data.ORIGIN,
		apiRateLimitPerMinute: parsed.data.API_RATE_LIMIT_PER_MINUTE,
		surveyFatigueDays: parsed.data.SURVEY_FATIGUE_DAYS,
		smtpUrl: parsed.data.SMTP_URL,
		mailFrom: parsed.data.MAIL_FROM,
		mailRatePerMinute: parsed.data.MAIL_RATE_PER_MINUTE,
		mailRetryBaseSeconds: parsed.data.MAIL_RETRY_BASE_SECONDS,
		linkSecret: parsed.data.LINK_SECRET,
		outboxShowsLinks: parsed.data.OUTBOX_SHOWS_LINKS,
		outboxPollSeconds: parsed.data.OUTBOX_POLL_SECONDS,
		webhookRetryBaseSeconds: parsed.data.WEBHOOK_RETRY_BASE_SECONDS,
		webhookAllowedHosts: parsed.data.WEBHOOK_ALLOWED_HOSTS
	};
}

let config: Config | undefined;

export function appConfig(): Config {
	config ??= readConfig();
	return config;
}

/**
 * BODY_SIZE_LIMIT as set, for messages only: adapter-node enforces it (512K unless set; scripts/serve.js
 * sets 21M), so it is not part of the validated configuration.
 */
export function bodySizeLimit(env: Record<string, string | undefined> = process.env): string {
	const limit = env.BODY_SIZE_LIMIT ?? '512K';
	return /^\d+$/.test(limit)
		? `${limit} bytes`
		: limit.replace(
				/^(\d+)([KMG])$/i,
				(_, size: string, unit: string) => `${size} ${unit.toUpperCase()}B`
			);
}
