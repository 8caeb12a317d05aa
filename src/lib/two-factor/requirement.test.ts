import { describe, expect, it } from 'vitest';
import { requiresSecondFactor } from './requirement';

describe('the owner’s two-factor requirement', () => {
	it('asks nobody, owners and managers, or everyone', () => {
		const asked = (requirement: 'nobody' | 'owners-managers' | 'everyone') =>
			(['viewer', 'manager', 'owner'] as const).filter((role) =>
				requiresSecondFactor(requirement, role)
			);
		expect(asked('nobody')).toEqual([]);
		expect(asked('owners-managers')).toEqual(['manager', 'owner']);
		expect(asked('everyone')).toEqual(['viewer', 'manager', 'owner']);
	});
});
