/**
 * Seeds the PostgreSQL database of postgres-nodes.spec.ts through the app's own services: an open
 * two-page survey on a CSI model, `clients` consenting clients and a campaign to all of them that
 * is due now. `DATABASE_URL=postgres://… tsx --import ./scripts/svelte-register.mjs tests/e2e/postgres-nodes-seed.ts <clients>` (the
 * URL chooses the engine's tables as the app does).
 */
import { surveyDefinitionSchema } from '../../src/lib/schemas/survey';
import { createCampaign } from '../../src/lib/server/campaigns/service';
import { saveClients } from '../../src/lib/server/clients/save';
import { clientInput } from '../../src/lib/server/clients/test-clients';
import { closeDatabase, openDatabase } from '../../src/lib/server/db/open';
import { installSubscribers } from '../../src/lib/server/events/subscribers';
import { createModel } from '../../src/lib/server/models/service';
import { changeStatus, createSurvey } from '../../src/lib/server/surveys/service';

const clients = Number(process.argv[2]);
const definition = surveyDefinitionSchema.parse({
	defaultLanguage: 'en',
	languages: ['en'],
	title: { en: 'How was your flight?' },
	pages: [
		{
			id: 'flight',
			questions: [
				{ id: 'punctuality', type: 'rating', factor: 'punctuality', text: { en: 'On time?' } },
				{ id: 'crew', type: 'rating', factor: 'crew', text: { en: 'The crew?' } },
				{ id: 'snacks', type: 'rating', factor: 'snacks', text: { en: 'The snacks?' } }
			]
		},
		{
			id: 'overall',
			questions: [
				{ id: 'overall', type: 'overall', text: { en: 'Overall?' } },
				{ id: 'why', type: 'text', text: { en: 'Why?' } }
			]
		}
	]
});

installSubscribers();
const db = await openDatabase(process.env.DATABASE_URL!);
const model = await createModel(
	db,
	{
		name: 'Two nodes',
		factors: [
			{ key: 'punctuality', name: 'Punctuality', weight: 3, keywords: [] },
			{ key: 'crew', name: 'Crew', weight: 2, keywords: [] },
			{ key: 'snacks', name: 'Snacks', weight: 1, keywords: [] }
		]
	},
	null
);
if (!model.ok) throw new Error(model.message);
const surveyId = await createSurvey(db, { name: 'Two nodes', modelId: model.id, definition }, null);
await changeStatus(db, surveyId, 'open');
const saved = await saveClients(
	db,
	Array.from({ length: clients }, (_, n) =>
		clientInput({
			email: `passenger-${n}@nodes.test`,
			name: `Passenger ${n}`,
			consent: true,
			language: 'en',
			tags: [n % 2 ? 'frequent' : 'first-time']
		})
	),
	{ onExisting: 'reject', actor: {}, source: 'postgres-nodes.spec.ts' }
);
if (!saved.ok) throw new Error(JSON.stringify(saved.issues.slice(0, 3)));
const campaign = await createCampaign(
	db,
	{
		name: 'Everyone, on two nodes',
		surveyId,
		segmentId: null,
		sendAt: new Date(),
		recurrence: 'once',
		fatigueDays: 0,
		expiresInDays: 14
	},
	null
);
if (!campaign.ok) throw new Error(campaign.message);
await closeDatabase(db);
console.log(JSON.stringify({ surveyId, campaignId: campaign.id }));
