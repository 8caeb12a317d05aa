import { asc, eq, sql, type SQL } from 'drizzle-orm';
import { npsGroupAnswers, type ClientFilter, type NpsGroup } from '../../schemas/client-filter';
import { DAY_MS } from '../../dates';
import type { Queryable } from '../db';
import { engine } from '../db/engine';
import { clients, csiModels, factors } from '../db/schema';

/**
 * Every question of every survey version as a row: its version, survey, id, type, factor and place
 * (page, question, then matrix row; a page holds at most 50 questions, a matrix at most 15 rows).
 * A matrix's rows are rating questions of their own, as everywhere (`answerableQuestions`). No
 * table lists a survey's questions, so the stored definitions are read with SQLite's json_each or
 * PostgreSQL's json_array_elements; there are few versions, and each query reads them once.
 */
function everyQuestion(): SQL {
	return engine === 'postgres'
		? sql`select v.id as version_id, v.survey_id, q.value ->> 'id' as question_id, q.value ->> 'type' as type,
				q.value ->> 'factor' as factor, p.n * 10000 + q.n * 100 as place
			from survey_versions v
			cross join lateral json_array_elements(v.definition -> 'pages') with ordinality as p(value, n)
			cross join lateral json_array_elements(p.value -> 'questions') with ordinality as q(value, n)
			union all
			select v.id, v.survey_id, mr.value ->> 'id', 'rating', mr.value ->> 'factor', p.n * 10000 + q.n * 100 + mr.n
			from survey_versions v
			cross join lateral json_array_elements(v.definition -> 'pages') with ordinality as p(value, n)
			cross join lateral json_array_elements(p.value -> 'questions') with ordinality as q(value, n)
			cross join lateral json_array_elements(q.value -> 'rows') with ordinality as mr(value, n)
			where q.value ->> 'type' = 'matrix'`
		: sql`select v.id as version_id, v.survey_id, q.value ->> 'id' as question_id, q.value ->> 'type' as type,
				q.value ->> 'factor' as factor, p.key * 10000 + q.key * 100 as place
			from survey_versions v, json_each(v.definition, '$.pages') as p, json_each(p.value, '$.questions') as q
			union all
			select v.id, v.survey_id, mr.value ->> 'id', 'rating', mr.value ->> 'factor', p.key * 10000 + q.key * 100 + mr.key + 1
			from survey_versions v, json_each(v.definition, '$.pages') as p, json_each(p.value, '$.questions') as q,
				json_each(q.value, '$.rows') as mr
			where q.value ->> 'type' = 'matrix'`;
}

/**
 * (version, question id) of the first question of each survey version that `where` picks: when a
 * survey asks the same thing twice, its first question counts, as in the CSI (surveys/scores.ts);
 * a response that left that one blank has no such answer here.
 */
function firstQuestions(where: SQL): SQL {
	return sql`select version_id, question_id from (
		select version_id, question_id, row_number() over (partition by version_id order by place) as nth
		from (${everyQuestion()}) as questions where ${where}) as ranked
		where nth = 1`;
}

/**
 * `responses` as `alias`, on SQLite read through responses_client_idx: there the conditions read
 * one client's responses at a time, and SQLite, without statistics, would rather take the date or
 * version index and read every client's recent responses for each client.
 */
const responsesByClient = (alias: string) =>
	sql.raw(`responses ${alias}${engine === 'postgres' ? '' : ' indexed by responses_client_idx'}`);

/** Responses with a score: client_id, submitted_at, id, and the score as `value`. */
const scoredResponses = () =>
	sql`select r.client_id, r.submitted_at, r.id, r.score as value from ${responsesByClient('r')} where r.score is not null`;

/**
 * Responses answering one of `questions` (version, question id): client_id, submitted_at, id, and
 * the answer as `value`. The join names each answer's key in full, so it is one index lookup.
 */
function answersTo(questions: SQL): SQL {
	return sql`select r.client_id, r.submitted_at, r.id, a.score as value
		from ${responsesByClient('r')} join (${questions}) as q on q.version_id = r.survey_version_id
		join answers a on a.response_id = r.id and a.question_id = q.question_id
		where a.score is not null`;
}

/**
 * Whether the value of the client's latest answered response (submitted last, the higher id first
 * on a tie) meets `wanted`, and was submitted at `since` or later. The latest answer is that recent
 * exactly when the latest of those since then is the latest of all, so `since` only narrows where
 * to look. Erased clients' responses have no client: they count for nobody.
 */
function latestMeets(answered: SQL, wanted: (value: SQL) => SQL, since: number | null): SQL {
	const recent = since === null ? sql`` : sql`and answered.submitted_at >= ${since}`;
	// PostgreSQL hashes every client's latest answer once for a list, and for one client (a
	// segment's membership) pushes the client into DISTINCT ON, reading only their responses.
	if (engine === 'postgres')
		return sql`exists (select 1 from (
				select distinct on (answered.client_id) answered.client_id, answered.value
				from (${answered}) as answered where answered.client_id is not null ${recent}
				order by answered.client_id, answered.submitted_at desc, answered.id desc) as latest
			where latest.client_id = ${clients.id} and ${wanted(sql`latest.value`)})`;
	// SQLite pushes no outer column into a subquery, so a set of every client's latest answers would
	// be read whole even for one client: it reads each client's own responses, a few index lookups.
	return wanted(sql`(select answered.value from (${answered}) as answered
		where answered.client_id = ${clients.id} ${recent}
		order by answered.submitted_at desc, answered.id desc limit 1)`);
}

const between = (value: SQL, { min, max }: { min: number; max: number }) =>
	sql`${value} between ${min} and ${max}`;

/** Every answer (0–10) of the NPS groups, so the latest answer is read once. */
function npsAnswersOf(groups: NpsGroup[]): SQL[] {
	return groups.flatMap((group) => {
		const { min, max } = npsGroupAnswers[group];
		return Array.from({ length: max - min + 1 }, (_, i) => sql`${min + i}`);
	});
}

/**
 * SQL conditions on `clients` for the filter's conditions on their latest answers (none when it
 * has none), the days resolved against `now`. Imported responses are the client's answers too.
 */
export function latestAnswerConditions(filter: ClientFilter, now: Date): SQL[] {
	const since =
		filter.answeredInDays === undefined ? null : now.getTime() - filter.answeredInDays * DAY_MS;
	const conditions: SQL[] = [];
	if (filter.answerScore) {
		const range = filter.answerScore;
		conditions.push(latestMeets(scoredResponses(), (value) => between(value, range), since));
	}
	if (filter.npsGroups?.length) {
		const answers = npsAnswersOf(filter.npsGroups);
		conditions.push(
			latestMeets(
				answersTo(firstQuestions(sql`type = 'nps'`)),
				(value) => sql`${value} in (${sql.join(answers, sql`, `)})`,
				since
			)
		);
	}
	if (filter.factorRating) {
		const { factor, ...range } = filter.factorRating;
		// The rating questions on the factor, in the surveys of the factor's model.
		const ratings = firstQuestions(sql`type = 'rating'
			and factor = (select key from factors where id = ${factor})
			and survey_id in (select id from surveys where model_id = (select model_id from factors where id = ${factor}))`);
		conditions.push(latestMeets(answersTo(ratings), (value) => between(value, range), since));
	}
	if (since !== null && !conditions.length)
		conditions.push(
			sql`exists (select 1 from ${responsesByClient('r')} where r.client_id = ${clients.id} and r.submitted_at >= ${since})`
		);
	return conditions;
}

/** The factors a filter may ask about, with their model's name, by model and then as defined. */
export async function factorChoices(db: Queryable) {
	return db
		.select({ id: factors.id, name: factors.name, model: csiModels.name })
		.from(factors)
		.innerJoin(csiModels, eq(csiModels.id, factors.modelId))
		.orderBy(asc(csiModels.name), asc(factors.id));
}
