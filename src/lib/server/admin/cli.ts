import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createApiKey } from '../api-keys/service';
import { readConfig } from '../config';
import { createDb, databasePath, type Db } from '../db';
import { createUser, findUserByEmail, issuePasswordReset, setPassword } from '../users/service';
import { emailSchema, nameSchema, newPasswordSchema, roleSchema } from '../../schemas/users';

export const usage = `Satisfy admin — works on DATABASE_URL (default data/app.db), server running or not.

  npm run admin -- create-user --email E --name N --role owner|manager|viewer --password P
  npm run admin -- create-api-key --name N --role owner|manager|viewer
  npm run admin -- reset-password --email E [--password P]
      without --password, prints a one-time link (valid 24 h) built on ORIGIN
  npm run admin -- backup --to FILE
      a consistent copy of the live database (SQLite online backup)`;

type Io = { env: Record<string, string | undefined>; out: (line: string) => void; err: (line: string) => void };

class UsageError extends Error {}

const commands = {
	'create-user': {
		options: { email: emailSchema, name: nameSchema, role: roleSchema, password: newPasswordSchema },
		async run(db: Db, o: { email: string; name: string; role: 'owner' | 'manager' | 'viewer'; password: string }, io: Io) {
			const result = await createUser(db, o);
			if (!result.ok) throw new UsageError(result.message);
			io.out(`Created ${result.user.role} ${result.user.email}.`);
		}
	},
	'create-api-key': {
		options: { name: nameSchema, role: roleSchema },
		async run(db: Db, o: { name: string; role: 'owner' | 'manager' | 'viewer' }, io: Io) {
			const { key, apiKey } = createApiKey(db, { ...o, createdBy: null });
			io.out(`Created ${apiKey.role} API key "${apiKey.name}". It is shown this once; store it now:`);
			io.out(key);
		}
	},
	'reset-password': {
		options: { email: emailSchema, password: newPasswordSchema.optional() },
		async run(db: Db, o: { email: string; password?: string | undefined }, io: Io) {
			if (o.password) {
				const user = findUserByEmail(db, o.email);
				if (!user || user.deactivatedAt) throw new UsageError(`No active user has the email ${o.email}.`);
				await setPassword(db, user.id, o.password);
				io.out(`Password of ${user.email} changed; their sessions have ended.`);
				return;
			}
			const result = issuePasswordReset(db, o.email);
			if (!result.ok) throw new UsageError(result.message);
			const origin = readConfig(io.env).origin ?? 'http://localhost:3000';
			io.out(`One-time link for ${result.user.email}, valid 24 hours:`);
			io.out(new URL(`/password/${result.token}`, origin).toString());
		}
	},
	backup: {
		options: { to: z.string().min(1, { error: 'Name the backup file' }) },
		async run(db: Db, o: { to: string }, io: Io) {
			const target = databasePath(o.to);
			await db.$client.backup(target);
			io.out(`Backed up to ${target}.`);
		}
	}
} as const;

type CommandName = keyof typeof commands;

function parseOptions(name: CommandName, args: string[]) {
	const spec = commands[name].options;
	const { values } = parseArgs({
		args,
		options: Object.fromEntries(Object.keys(spec).map((key) => [key, { type: 'string' as const }])),
		strict: true
	});
	const parsed = z.object(spec).safeParse(values);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((issue) => {
			const option = `--${String(issue.path[0])}`;
			return values[String(issue.path[0])] === undefined ? `${option} is required` : `${option}: ${issue.message}`;
		});
		throw new UsageError(problems.join('\n'));
	}
	return parsed.data;
}

/** Runs one admin command; returns the process exit code (2 for bad arguments, 1 for failures). */
export async function runAdmin(argv: string[], io: Io): Promise<number> {
	const [name, ...args] = argv;
	if (!name || name === 'help' || name === '--help') {
		io.out(usage);
		return name ? 0 : 2;
	}
	if (!(name in commands)) {
		io.err(`Unknown command "${name}".\n\n${usage}`);
		return 2;
	}
	let options;
	try {
		options = parseOptions(name as CommandName, args);
	} catch (error) {
		io.err(`${error instanceof Error ? error.message : error}\n\n${usage}`);
		return 2;
	}
	const db = createDb(readConfig(io.env).databaseUrl);
	try {
		await (commands[name as CommandName].run as (db: Db, o: typeof options, io: Io) => Promise<void>)(db, options, io);
		return 0;
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		io.err(error.message);
		return 1;
	} finally {
		db.$client.close();
	}
}
