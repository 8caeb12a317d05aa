import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. argon2id is the library's default.
const options = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
	return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		// A malformed stored hash is a failed check, not a crash of the sign-in page.
		return false;
	}
}

let dummyHash: Promise<string> | undefined;

/** Spends the time of one verification so unknown emails answer as slowly as known ones. */
export async function verifyAgainstDummy(password: string): Promise<false> {
	dummyHash ??= hashPassword('satisfy-timing-equaliser');
	await verifyPassword(await dummyHash, password);
	return false;
}
