import { eq } from 'drizzle-orm';
import type { IDToken } from 'openid-client';
import { recordAudit } from '../audit';
import type { Queryable } from '../db';
import { first } from '../db/queries';
import { forUpdate } from '../db/dialect';
import { countOtherActiveOwners } from '../users/service';
import { passwordLinks, users, userScopes, type User } from '../db/schema';
import type { SignInSettings } from '../auth/sign-in-settings';
import { randomString } from '../auth/token';
import { roleFromGroups } from '../../sso/group-role';
import type { Role } from '../../roles';
import { refuse, type Result } from '../../result';
import * as m from '../../paraglide/messages';

/** The role the groups claim gives, when the owner maps groups to roles; undefined when not. */
function groupRole(claims: IDToken, settings: SignInSettings): Role | null | undefined {
	if (!settings.ssoGroupsClaim) return undefined;
	return roleFromGroups(claims[settings.ssoGroupsClaim], {
		owner: settings.ssoOwnerGroup,
		manager: settings.ssoManagerGroup,
		viewer: settings.ssoViewerGroup
	});
}

/**
 * Whether the provider vouches for the email address. Microsoft Entra ID never sends
 * `email_verified` for work accounts; its optional `xms_edov` claim says the address's domain
 * belongs to the tenant, and counts only where `email_verified` is missing altogether.
 */
const emailVerified = (claims: IDToken) =>
	claims.email_verified === true ||
	(claims.email_verified === undefined && claims.xms_edov === true);

/** The person's name as the provider gives it, as long as a user's name may be; null without one. */
function providerName(claims: IDToken): string | null {
	const name = typeof claims.name === 'string' ? claims.name.trim() : '';
	return name ? name.slice(0, 100) : null;
}

/** The user's name set to the provider's, which keeps the directory of the company's people. */
async function applyProviderName(tx: Queryable, user: User, name: string | null): Promise<User> {
	if (!name || name === user.name) return user;
	const [updated] = await tx.update(users).set({ name }).where(eq(users.id, user.id)).returning();
	return updated!;
}

/** The user's role set to what their groups give, audited; the last active owner stays one. */
async function applyGroupRole(tx: Queryable, user: User, role: Role): Promise<User> {
	if (role === user.role) return user;
	if (user.role === 'owner' && (await countOtherActiveOwners(tx, user.id)) === 0) return user;
	// As on the Users page: a viewer's grant ends with the role, and owners have no scope.
	const changes = { role, contactDataGranted: false };
	const [updated] = await tx.update(users).set(changes).where(eq(users.id, user.id)).returning();
	if (role === 'owner') await tx.delete(userScopes).where(eq(userScopes.userId, user.id));
	await recordAudit(tx, { userId: user.id }, 'user.role', `user:${user.id}`, {
		from: user.role,
		role,
		by: 'sso-groups'
	});
	return updated!;
}

/**
 * The Satisfy user the identity provider vouched for, within `tx`: found by email, which the
 * provider must have verified (else anyone could claim any address there), or made at a first
 * sign-in when the owner allows it. The provider's name for the person replaces theirs at each
 * sign-in, and with groups mapped, the groups decide the role each time.
 */
export async function ssoUser(
	tx: Queryable,
	claims: IDToken,
	settings: SignInSettings,
	now: Date
): Promise<Result<{ user: User }>> {
	const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
	if (!email || !emailVerified(claims)) return refuse(400, m.sso_email_unverified_refused());
	const role = groupRole(claims, settings);
	if (role === null) return refuse(400, m.sso_no_group_refused());
	const user = await first(forUpdate(tx.select().from(users).where(eq(users.email, email))));
	if (user) {
		if (user.deactivatedAt) return refuse(400, m.sso_deactivated_refused());
		// An invitation answered through the provider: its link has nothing left to do.
		await tx.delete(passwordLinks).where(eq(passwordLinks.userId, user.id));
		const named = await applyProviderName(tx, user, providerName(claims));
		return { ok: true, user: role ? await applyGroupRole(tx, named, role) : named };
	}
	if (!settings.ssoNewUserRole) return refuse(400, m.sso_unknown_account_refused({ email }));
	const newRole = role ?? settings.ssoNewUserRole;
	const name = providerName(claims) ?? email.slice(0, 100);
	const [created] = await tx
		.insert(users)
		.values({ id: randomString(), email, name, role: newRole, createdAt: now })
		.returning();
	await recordAudit(tx, { userId: created!.id }, 'user.sso-created', `user:${created!.id}`, {
		role: newRole
	});
	return { ok: true, user: created! };
}
