import { clientInputSchema, type ClientInput } from '../../schemas/clients';

/** A valid client input for tests, with defaults filled in the way the schema fills them. */
export function clientInput(
	fields: Partial<Record<keyof ClientInput, unknown>> & { email: string }
): ClientInput {
	return clientInputSchema.parse({ name: fields.email.split('@')[0], language: 'en', ...fields });
}
