import { isHttpError, isRedirect } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { hasRole, type Role } from '../../roles';
import { requireRole, requireUser } from './guards';

const url = new URL('http://localhost/settings/users?tab=1');
const signedIn = (role: Role) => ({ url, locals: { sessionId: 's', user: { id: 'u', email: 'u@example.com', name: 'U', role } } });

function thrown(fn: () => unknown): unknown {
	try {
		fn();
	} catch (error) {
		return error;
	}
	throw new Error('expected a throw');
}

describe('role guard', () => {
	it('orders roles viewer < manager < owner', () => {
		expect(hasRole('owner', 'manager')).toBe(true);
		expect(hasRole('manager', 'manager')).toBe(true);
		expect(hasRole('manager', 'owner')).toBe(false);
		expect(hasRole('viewer', 'manager')).toBe(false);
		expect(hasRole('viewer', 'viewer')).toBe(true);
	});

	it('sends a signed-out visitor to sign in, and back afterwards', () => {
		const error = thrown(() => requireUser({ url, locals: { user: null, sessionId: null } }));
		expect(isRedirect(error) && error.location).toBe('/login?redirectTo=%2Fsettings%2Fusers%3Ftab%3D1');
	});

	it('answers 403 to a role below the one required', () => {
		const error = thrown(() => requireRole(signedIn('viewer'), 'manager'));
		expect(isHttpError(error, 403)).toBe(true);
		expect(isHttpError(error) && error.body.message).toContain('needs the manager role');
	});

	it('lets the required role and those above it through', () => {
		expect(requireRole(signedIn('manager'), 'manager').role).toBe('manager');
		expect(requireRole(signedIn('owner'), 'manager').role).toBe('owner');
	});
});
