import type { Role } from '../../roles';
import type { Db } from '../db';
import type { User } from '../db/schema';
import { createUser } from './service';

/** The password of every user `addUser` makes, for tests that sign in. */
export const TEST_PASSWORD = 'a long password';

/**
 * A staff user who can sign in, made through the service as the admin CLI makes one; throws when
 * refused, so a test never goes on with a user that does not exist.
 */
export async function addUser(db: Db, email: string, name: string, role: Role): Promise<User> {
	const result = await createUser(db, { email, name, role, password: TEST_PASSWORD });
	if (!result.ok) throw new Error(result.message);
	return result.user;
}
