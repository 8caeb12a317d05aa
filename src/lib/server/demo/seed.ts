import { eq } from 'drizzle-orm';
import type { Role } from '../../roles';
import { createApiKey } from '../api-keys/service';
import { randomString } from '../auth/token';
import type { Db } from '../db';
import { apiKeys } from '../db/schema';
import { first } from '../db/queries';
import { createAttributeDefinition, listAttributeDefinitions } from '../clients/attributes';
import { saveClients } from '../clients/save';
import { listSegments, saveSegment } from '../clients/segments';
import { createCampaign } from '../campaigns/service';
import {
	changeStatus,
	createSurveyFromTemplate,
	getSurvey,
	listSurveys,
	saveDefinition
} from '../surveys/service';
import { demoAttributes, demoClients, demoSegments } from './clients';
import { demoMonths, demoStory, routeChangeDate, seedDemoResponses } from './responses';
import { seedDemoReviews } from './reviews';
import { translatedAirlineSurvey } from './surveys';
import { createTopic, listTopics } from '../sentiment/topics';
import { createUser, findUserByEmail } from '../users/service';

export const demoUsers: { email: string; name: string; role: Role }[] = [
	{ email: 'owner@demo.test', name: 'Olivia Owner', role: 'owner' },
	{ email: 'manager@demo.test', name: 'Max Manager', role: 'manager' },
	{ email: 'viewer@demo.test', name: 'Vera Viewer', role: 'viewer' },
	{ email: 'anke@demo.test', name: 'Anke Berger', role: 'manager' },
	{ email: 'timo@demo.test', name: 'Timo Virtanen', role: 'manager' }
];

const accountManagers = ['manager@demo.test', 'anke@demo.test', 'timo@demo.test'];

export const DEMO_API_KEY_NAME = 'Demo integration';

/**
 * Fills an empty workspace with demo data and leaves an existing one alone, so running it twice
 * duplicates nothing. Secrets are printed only when created: only their hashes are stored.
 * Dates (client histories, 18 months of responses) count back from `now`.
 */
export async function seedDemo(
	db: Db,
	log: (line: string) => void,
	origin = 'http://localhost:3000',
	now = new Date()
): Promise<void> {
	const created: string[] = [];
	for (const demoUser of demoUsers) {
		if (await findUserByEmail(db, demoUser.email)) continue;
		// Random, not seeded: a demo reachable on a network must not have guessable passwords.
		const password = randomString(9);
		const result = await createUser(db, { ...demoUser, password });
		if (!result.ok) throw new Error(result.message);
		created.push(`  ${demoUser.role.padEnd(8)} ${demoUser.email.padEnd(20)} password: ${password}`);
	}
	if (created.length) {
		log('Demo users (passwords are shown only now):');
		created.forEach((line) => log(line));
	} else {
		log(
			'Demo users exist already. Forgot a password? npm run admin -- reset-password --email owner@demo.test'
		);
	}

	await seedClientBase(db, log, now);
	await seedSurveys(db, log);
	// Before the texts: they are tagged as they are stored, with no re-scoring to wait for.
	await seedTopics(db, log);
	await seedResponses(db, log, now);
	await seedReviews(db, log, now);

	const demoKey = db.select().from(apiKeys).where(eq(apiKeys.name, DEMO_API_KEY_NAME)).limit(1);
	if (!(await first(demoKey))) {
		const { key } = await createApiKey(db, {
			name: DEMO_API_KEY_NAME,
			role: 'manager',
			createdBy: null
		});
		log(`Demo API key (manager, shown only now): ${key}`);
		log(`  try: curl -H "Authorization: Bearer ${key}" ${origin}/api/v1/clients?limit=1`);
	}
}

async function seedClientBase(db: Db, log: (line: string) => void, now: Date): Promise<void> {
	const existing = new Set(
		(await listAttributeDefinitions(db)).map((definition) => definition.key)
	);
	for (const attribute of demoAttributes)
		if (!existing.has(attribute.key)) await createAttributeDefinition(db, attribute);
	const saved = await saveClients(db, demoClients(accountManagers, now), {
		onExisting: 'skip',
		actor: {},
		source: 'demo'
	});
	if (!saved.ok) throw new Error(`Demo clients refused: ${saved.issues[0]?.message}`);
	for (const segment of demoSegments) await saveSegment(db, { ...segment, userId: null });
	if (saved.created)
		log(`Demo client base: ${saved.created} clients in ${demoSegments.length} segments.`);
}

async function seedReviews(db: Db, log: (line: string) => void, now: Date): Promise<void> {
	const added = await seedDemoReviews(db, now);
	if (added)
		log(
			`Demo reviews: ${added} from Trustpilot and Google in five languages, scored for sentiment (Reviews; Dashboard → Sentiment).`
		);
}

async function seedResponses(db: Db, log: (line: string) => void, now: Date): Promise<void> {
	const added = await seedDemoResponses(db, now);
	if (!added) return;
	const month = (date: Date) =>
		date.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
	const change = routeChangeDate(now).toLocaleDateString('en-GB', {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	});
	log(
		`Demo responses: ${added} to “${demoStory.surveyName}”, ${month(demoMonths(now)[0]!.start)} to ${month(now)}. The story on the dashboard:`
	);
	log(
		'  punctuality dips every December–February; snacks score high but hardly move overall satisfaction;'
	);
	log(`  “${demoStory.segment}” drops from ${change}, when ${demoStory.change}.`);
}

/** What clients talk about besides the factors, with words in the demo's five languages. */
export const demoTopics = [
	{
		name: 'Staff',
		keywords: [
			'staff',
			'crew',
			'Personal',
			'Besatzung',
			'personeel',
			'bemanning',
			'henkilökunta',
			'miehistö',
			'personalul',
			'echipaj'
		]
	},
	{
		name: 'Prices',
		keywords: [
			'price',
			'expensive',
			'fee',
			'Preis',
			'teuer',
			'Gebühr',
			'prijs',
			'duur',
			'hinta',
			'kallis',
			'preț',
			'scump'
		]
	},
	{
		name: 'App and website',
		keywords: ['app', 'website', 'Webseite', 'sovellus', 'verkkosivu', 'aplicația', 'site']
	}
];

async function seedTopics(db: Db, log: (line: string) => void): Promise<void> {
	if ((await listTopics(db)).length) return;
	for (const topic of demoTopics) {
		const created = await createTopic(db, topic);
		if (!created.ok) throw new Error(created.message);
	}
	log(`Demo topics: ${demoTopics.map(({ name }) => name).join(', ')}.`);
}

/** The airline model and two surveys from templates: the airline one open, in three languages. */
async function seedSurveys(db: Db, log: (line: string) => void): Promise<void> {
	if ((await listSurveys(db)).length) return;
	for (const templateId of ['airline-csi', 'service-desk-csat']) {
		const created = await createSurveyFromTemplate(db, templateId, null);
		if (!created.ok) throw new Error(`Demo survey refused: ${created.message}`);
		if (templateId === 'airline-csi') {
			const saved = await saveDefinition(
				db,
				created.id,
				translatedAirlineSurvey((await getSurvey(db, created.id))!.definition)
			);
			if (!saved.ok) throw new Error(saved.message);
			await changeStatus(db, created.id, 'open');
		}
	}
	log(
		'Demo surveys: “Airline CSI” (open; English, German, Dutch) and “Service desk CSAT” (draft).'
	);

	// A first campaign, sent when the server starts: in outbox mode its emails land under Settings → Outbox.
	const airline = (await listSurveys(db)).find((survey) => survey.status === 'open')!;
	const keyAccounts = (await listSegments(db)).find(
		(segment) => segment.name === 'Reachable key accounts'
	);
	const campaign = await createCampaign(
		db,
		{
			name: 'Key accounts, first wave',
			surveyId: airline.id,
			segmentId: keyAccounts?.id ?? null,
			sendAt: new Date(),
			recurrence: 'once',
			fatigueDays: 30,
			expiresInDays: 30
		},
		null
	);
	if (!campaign.ok) throw new Error(campaign.message);
	log('Demo campaign: “Key accounts, first wave”, sent when the server starts.');
}
