/**
 * Adds to a demo workspace (seeded by demo-seed.ts) what makes each staff page show its widest
 * content for staff-pages.spec.ts: four more surveys of the airline model, so the dashboard's survey
 * filter lists five; a webhook with its own page; a staged client import. Prints the ids of real
 * objects for the pages that need one, as JSON. `tsx tests/e2e/fit-seed.ts <database file> <owner email>`
 */
import { stageImport } from '../../src/lib/server/clients/imports';
import { closeSqlite, openSqlite } from '../../src/lib/server/db/sqlite-connections';
import { demoStory } from '../../src/lib/server/demo/responses';
import { duplicateSurvey, listSurveys, renameSurvey } from '../../src/lib/server/surveys/service';
import { findUserByEmail } from '../../src/lib/server/users/service';
import { registerWebhook } from '../../src/lib/server/webhooks/service';

const [path, ownerEmail] = process.argv.slice(2);
const db = openSqlite(path!);
const userId = (await findUserByEmail(db, ownerEmail!))!.id;

const airline = (await listSurveys(db)).find((survey) => survey.name === demoStory.surveyName)!;
for (const place of ['business lounge', 'cargo', 'charter', 'regional']) {
	const copy = await duplicateSurvey(db, airline.id, userId);
	if (!copy.ok) throw new Error(copy.message);
	await renameSurvey(db, copy.id, `${demoStory.surveyName}, ${place}`);
}

const { webhook } = await registerWebhook(
	db,
	{ userId },
	{ url: 'https://crm.example.com/hooks/satisfy', events: ['response.completed'] }
);
const csv = 'email,name,language,annual value\nnew.client@example.com,New Client,en,125000\n';
const staged = await stageImport(
	db,
	{ name: 'new-clients.csv', bytes: new TextEncoder().encode(csv) },
	userId
);
if (!staged.ok) throw new Error('The client import was refused');

/** The id of a table's first row: any real object will do. */
const firstId = (table: string) =>
	(db.$client.prepare(`select id from ${table} order by id limit 1`).get() as { id: number }).id;
const modelId = (
	db.$client.prepare('select model_id as id from surveys where id = ?').get(airline.id) as {
		id: number;
	}
).id;
const factorKey = (
	db.$client
		.prepare('select key from factors where model_id = ? order by id limit 1')
		.get(modelId) as { key: string }
).key;

const ids = {
	surveyId: airline.id,
	modelId,
	factorKey,
	clientId: firstId('clients'),
	responseId: firstId('responses'),
	caseId: firstId('followup_cases'),
	campaignId: firstId('campaigns'),
	importId: staged.id,
	webhookId: webhook.id
};
closeSqlite(db);
console.log(JSON.stringify(ids));
