import { isRedirect } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { hasRole } from '../../roles';
import { requireUser } from './guards';

const url = new URL('http://localhost/settings/users?tab=1');

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
		const error = thrown(() =>
			requireUser({ url, locals: { user: null, sessionId: null, apiKey: null } })
		);
		expect(isRedirect(error) && error.location).toBe(
			'/login?redirectTo=%2Fsettings%2Fusers%3Ftab%3D1'
		);
	});
});
