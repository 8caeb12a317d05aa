import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createApiKey } from '../api-keys/service';
import { readConfig } from '../config';
import { databasePath, type Db } from '../db';
import { engineOf } from '../db/engine';
import { closeDatabase, openDatabase } from '../db/open';
import { closeSqlite, openSqlite } from '../db/sqlite-connections';
import { backupDatabase, restoreDatabase, type Outcome } from './backup';
import { eraseAgainAfterRestore } from './erasures-after-restore';
import { migrateToPostgres } from './migrate-to-postgres';
import { resetSecondFactor } from '../auth/two-factor';
import { createUser, findUserByEmail, issuePasswordReset, setPassword } from '../users/service';
import { emailSchema, nameSchema, newPasswordSchema, roleSchema } from '../../schemas/users';

export const usage = `Satisfy admin — works on DATABASE_URL (default data/app.db), server running or not.
Only create-user creates the database when there is none; the others refuse a path with no database.

  npm run admin -- create-user --email E --name N --role owner|manager|viewer --password P
  npm run admin -- create-api-key --name N --role owner|manager|viewer
  npm run admin -- reset-password --email E [--password P]
      without --password, prints a one-time link (valid 24 h) built on ORIGIN
  npm run admin -- remove-two-factor --email E
      for a user who lost their authenticator and recovery codes, when no owner can sign in
      to reset it: their sessions end, and they sign in with their password alone
  npm run admin -- backup --to FILE
      a consistent copy of the live database, safe while serving; never overwrites a file
  npm run admin -- restore --from FILE
      with the server stopped: replaces the database with a checked backup and keeps the
      replaced one as <database>.replaced-<time>
      (backup and restore work on a SQLite file; on PostgreSQL use pg_dump and pg_restore)
  npm run admin -- migrate-to-postgres postgres://USER:PASSWORD@HOST:5432/DATABASE
      with the server stopped: moves the workspace into an empty PostgreSQL database in one
      transaction, checks every table arrived the same, and leaves the SQLite file as it was`;

type Io = {
	env: Record<string, string | undefined>;
	out: (line: string) => void;
	err: (line: string) => void;
};

class UsageError extends Error {}

/**
 * A command whose options are parsed up front, so bad arguments never open the database. It runs
 * on DATABASE_URL: a SQLite path (`file:` or plain) or a PostgreSQL URL.
 */
type Command = (args: string[], io: Io) => (url: string) => Promise<void>;

/** The SQLite file DATABASE_URL names, for the commands that work on the file itself. */
function sqliteFile(url: string, refusal: string): string {
	if (engineOf(url) === 'postgres') throw new UsageError(refusal);
	return databasePath(url);
}

/**
 * A command on the opened (and migrated) database. Only one that may start a fresh install opens
 * a path where no database is: for the others a mistyped DATABASE_URL must not create an empty one.
 */
function command<Shape extends z.ZodRawShape>(
	shape: Shape,
	run: (db: Db, options: z.output<z.ZodObject<Shape>>, io: Io, url: string) => Promise<void>,
	database: 'existing' | 'created if missing' = 'existing'
): Command {
	return (args, io) => {
		const options = parseOptions(shape, args);
		return async (url) => {
			// PostgreSQL's database is created by its administrator: opening one that is not there fails.
			if (engineOf(url) === 'postgres') {
				const db = await openDatabase(url);
				try {
					await run(db, options, io, url);
				} finally {
					await closeDatabase(db);
				}
				return;
			}
			const path = databasePath(url);
			if (database === 'existing' && path !== ':memory:' && !existsSync(path)) {
				throw new UsageError(
					`There is no database at ${path}. Check DATABASE_URL (the server's own setting).`
				);
			}
			const db = openSqlite(path);
			try {
				await run(db, options, io, path);
			} finally {
				closeSqlite(db);
			}
		};
	};
}

function reported(outcome: Outcome, io: Io): void {
	if (!outcome.ok) throw new UsageError(outcome.message);
	io.out(outcome.message);
}

function parseOptions<Shape extends z.ZodRawShape>(shape: Shape, args: string[]) {
	const { values } = parseArgs({
		args,
		options: Object.fromEntries(
			Object.keys(shape).map((key) => [key, { type: 'string' as const }])
		),
		strict: true
	});
	const parsed = z.object(shape).safeParse(values);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((issue) => {
			const option = String(issue.path[0]);
			return values[option] === undefined
				? `--${option} is required`
				: `--${option}: ${issue.message}`;
		});
		throw new UsageError(problems.join('\n'));
	}
	return parsed.data;
}

const commands: Record<string, Command> = {
	'create-user': command(
		{ email: emailSchema, name: nameSchema, role: roleSchema, password: newPasswordSchema },
		async (db, options, io) => {
			const result = await createUser(db, options);
			if (!result.ok) throw new UsageError(result.message);
			io.out(`Created ${result.user.role} ${result.user.email}.`);
		},
		'created if missing'
	),
	'create-api-key': command({ name: nameSchema, role: roleSchema }, async (db, options, io) => {
		const { key, apiKey } = await createApiKey(db, { ...options, createdBy: null });
		io.out(`Created ${apiKey.role} API key "${apiKey.name}". It is shown this once; store it now:`);
		io.out(key);
	}),
	'reset-password': command(
		{ email: emailSchema, password: newPasswordSchema.optional() },
		async (db, options, io) => {
			if (options.password) {
				const user = await findUserByEmail(db, options.email);
				if (!user || user.deactivatedAt)
					throw new UsageError(`No active user has the email ${options.email}.`);
				await setPassword(db, user.id, options.password);
				io.out(`Password of ${user.email} changed; their sessions have ended.`);
				return;
			}
			const result = await issuePasswordReset(db, options.email);
			if (!result.ok) throw new UsageError(result.message);
			const origin = readConfig(io.env).origin ?? 'http://localhost:3000';
			io.out(`One-time link for ${result.user.email}, valid 24 hours:`);
			io.out(new URL(`/password/${result.token}`, origin).toString());
		}
	),
	'remove-two-factor': command({ email: emailSchema }, async (db, options, io) => {
		const user = await findUserByEmail(db, options.email);
		if (!user) throw new UsageError(`No user has the email ${options.email}.`);
		const result = await resetSecondFactor(db, user.id, {});
		if (!result.ok) throw new UsageError(result.message);
		io.out(`Two-factor sign-in of ${user.email} removed; their sessions have ended.`);
	}),
	backup: (args, io) => {
		const backup = command(
			{ to: z.string().min(1, { error: 'Name the backup file' }) },
			async (db, options, io, path) =>
				reported(await backupDatabase(db, path, databasePath(options.to)), io)
		)(args, io);
		return async (url) =>
			backup(
				sqliteFile(
					url,
					'backup copies a SQLite file; on PostgreSQL use its own tools, which copy a live database consistently: pg_dump --format=custom --file=FILE "$DATABASE_URL"'
				)
			);
	},
	restore: (args, io) => {
		const options = parseOptions(
			{ from: z.string().min(1, { error: 'Name the backup file' }) },
			args
		);
		return async (url) => {
			const path = sqliteFile(
				url,
				'restore replaces a SQLite file; on PostgreSQL restore a pg_dump backup with pg_restore --clean --if-exists --dbname="$DATABASE_URL" FILE, with the server stopped'
			);
			const restored = await restoreDatabase(path, databasePath(options.from));
			reported(restored, io);
			if (!restored.ok || !restored.replaced) return;
			const erased = await eraseAgainAfterRestore(path, restored.replaced);
			if (erased)
				io.out(
					`Erased again ${erased} ${erased === 1 ? 'client' : 'clients'} erased after the backup was taken.`
				);
		};
	},
	'migrate-to-postgres': (args, io) => {
		const { positionals } = parseArgs({ args, options: {}, allowPositionals: true, strict: true });
		const [url, ...more] = positionals;
		if (!url || more.length)
			throw new UsageError(
				'Name the one PostgreSQL database to move to: migrate-to-postgres postgres://user:password@host:5432/satisfy'
			);
		return async (from) =>
			reported(
				await migrateToPostgres(
					sqliteFile(
						from,
						'DATABASE_URL names a PostgreSQL database already: migrate-to-postgres moves the SQLite file it names when the workspace still runs on SQLite.'
					),
					url,
					io.out
				),
				io
			);
	}
};

/** Runs one admin command; returns the process exit code (2 for bad arguments, 1 for failures). */
export async function runAdmin(argv: string[], io: Io): Promise<number> {
	const [name, ...args] = argv;
	if (!name || name === 'help' || name === '--help') {
		io.out(usage);
		return name ? 0 : 2;
	}
	const prepare = Object.hasOwn(commands, name) ? commands[name] : undefined;
	if (!prepare) {
		io.err(`Unknown command "${name}".\n\n${usage}`);
		return 2;
	}
	let execute: (url: string) => Promise<void>;
	try {
		execute = prepare(args, io);
	} catch (error) {
		if (!(error instanceof UsageError || (error instanceof TypeError && 'code' in error)))
			throw error;
		io.err(`${error.message}\n\n${usage}`);
		return 2;
	}
	try {
		await execute(readConfig(io.env).databaseUrl);
		return 0;
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		io.err(error.message);
		return 1;
	}
}
