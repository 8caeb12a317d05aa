/**
 * Seeds a database file for two-processes.spec.ts through the app's own services: an open
 * two-page survey with five questions and one anonymous personal link per respondent, whose
 * tokens it prints as JSON. `tsx tests/e2e/two-processes-seed.ts <database file> <respondents>`
 */
import { closeSqlite, openSqlite } from '../../src/lib/server/db/sqlite-connections';
import { inTransaction } from '../../src/lib/server/db/transaction';
import { inviteAnonymous } from '../../src/lib/server/invitations/service';
import { createModel } from '../../src/lib/server/models/service';
import { surveyDefinitionSchema } from '../../src/lib/schemas/survey';
import { changeStatus, createSurvey } from '../../src/lib/server/surveys/service';

const [path, respondents] = process.argv.slice(2);
const definition = surveyDefinitionSchema.parse({
	defaultLanguage: 'en',
	languages: ['en'],
	title: { en: 'How did we do?' },
	pages: [
		{
			id: 'visit',
			questions: [
				{ id: 'speed', type: 'rating', factor: 'speed', text: { en: 'How fast?' } },
				{ id: 'staff', type: 'rating', factor: 'staff', text: { en: 'How friendly?' } },
				{ id: 'price', type: 'rating', factor: 'price', text: { en: 'How fair a price?' } }
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

const db = openSqlite(path!);
const factors = ['speed', 'staff', 'price'].map((key) => ({
	key,
	name: key,
	weight: 1,
	keywords: []
}));
const model = await createModel(db, { name: 'Two processes', factors }, null);
if (!model.ok) throw new Error(model.message);
const surveyId = await createSurvey(
	db,
	{ name: 'Two processes', modelId: model.id, definition },
	null
);
await changeStatus(db, surveyId, 'open');
const tokens = await inTransaction(db, async (tx) => {
	const made: string[] = [];
	for (let i = 0; i < Number(respondents); i++)
		made.push((await inviteAnonymous(tx, surveyId)).token);
	return made;
});
closeSqlite(db);
console.log(JSON.stringify(tokens));
