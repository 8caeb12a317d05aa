import { saveClients } from '../clients/save';
import { clientInput } from '../clients/test-clients';
import type { Db } from '../db';
import { inviteClient } from './service';

/** Tests' consenting client Anna, invited to a survey through the API: her personal link's token. */
export async function inviteAnna(db: Db, surveyId: number): Promise<string> {
	await saveClients(db, [clientInput({ email: 'anna@example.com', consent: true })], {
		onExisting: 'reject',
		actor: {},
		source: 'test'
	});
	const invited = await inviteClient(db, {
		surveyId,
		client: { email: 'anna@example.com' },
		channel: 'api',
		fatigueDays: 30
	});
	if (!invited.ok) throw new Error(invited.message);
	return invited.token;
}
