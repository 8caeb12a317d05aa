import type { Role } from '../roles';
import type { TwoFactorRequirement } from '../sign-in-options';

/** Whether the owner's requirement asks a user of this role for a second factor. */
export function requiresSecondFactor(requirement: TwoFactorRequirement, role: Role): boolean {
	if (requirement === 'everyone') return true;
	return requirement === 'owners-managers' && role !== 'viewer';
}
