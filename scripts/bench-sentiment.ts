/**
 * Sentiment engine: accuracy next to raw `sentiment` (AFINN) on labelled texts, language
 * detection next to tinyld on whole texts, and throughput of the full pipeline (detect + score
 * + aspects) next to raw `sentiment.analyze`, all in one run. Figures go to docs/sentiment.md.
 * Run: `npx tsx scripts/bench-sentiment.ts`.
 */
import Sentiment from 'sentiment';
import { detectAll } from 'tinyld';
import {
	analyzeText,
	DEFAULT_THRESHOLDS,
	detectLanguage,
	type FactorKeywords,
	type Thresholds
} from '../src/lib/sentiment';
import {
	accuracyReport,
	calibrateThresholds,
	type ScoredSample
} from '../src/lib/sentiment/calibrate';
import {
	CALIBRATION_SETS,
	HELD_OUT_SETS,
	OTHER_LANGUAGE_TEXTS,
	OWN_SETS,
	UCI_AMAZON,
	UCI_HELD_OUT,
	type LabelledSet
} from '../src/lib/sentiment/fixtures';

/** DOMAIN.md's labelling rule for raw `sentiment`. */
const RAW_THRESHOLDS: Thresholds = { positive: 0.05, negative: -0.05 };

/** Factors like a CSI model's, keywords in the five languages mixed. */
export const BENCH_FACTORS: FactorKeywords = [
	{
		key: 'punctuality',
		keywords: [
			'delay',
			'late',
			'on time',
			'Verspätung',
			'pünktlich',
			'vertraging',
			'op tijd',
			'myöhäs',
			'ajoissa',
			'întârziere',
			'la timp'
		]
	},
	{
		key: 'staff',
		keywords: [
			'staff',
			'crew',
			'Personal',
			'Mitarbeiter',
			'personeel',
			'medewerker',
			'henkilökunta',
			'personal',
			'angajați'
		]
	},
	{
		key: 'cleanliness',
		keywords: [
			'clean',
			'dirty',
			'sauber',
			'schmutzig',
			'schoon',
			'vies',
			'siisti',
			'likainen',
			'curat',
			'murdar'
		]
	},
	{
		key: 'support',
		keywords: [
			'customer service',
			'support',
			'hotline',
			'Kundendienst',
			'klantenservice',
			'asiakaspalvelu',
			'serviciul clienți'
		]
	},
	{
		key: 'price',
		keywords: [
			'price',
			'expensive',
			'Preis',
			'teuer',
			'prijs',
			'duur',
			'hinta',
			'kallis',
			'preț',
			'scump'
		]
	}
];

const raw = new Sentiment();
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function ours(set: LabelledSet, detect: boolean): ScoredSample[] {
	return set.texts.map((t) => {
		const result = analyzeText(t.text, detect ? {} : { language: set.language });
		// Detected as another language or undetectable: not scored, counted as left neutral.
		return {
			gold: t.label,
			comparative: result.scored && result.language === set.language ? result.comparative : null
		};
	});
}

function rawScores(set: LabelledSet): ScoredSample[] {
	return set.texts.map((t) => ({ gold: t.label, comparative: raw.analyze(t.text).comparative }));
}

function accuracyTable(thresholds: Thresholds): void {
	console.log(
		`\nAccuracy on held-out texts (language given; thresholds ours ${JSON.stringify(thresholds)}, raw ±0.05)`
	);
	console.log(
		'Accuracy = right sign among polar texts labelled polar; neutral = polar texts left neutral; strict = right among all polar texts.'
	);
	console.log(
		'| set | polar / all | ours accuracy | ours neutral | ours strict | raw accuracy | raw neutral | raw strict | ours 3-class |'
	);
	console.log('|---|---|---|---|---|---|---|---|---|');
	for (const set of HELD_OUT_SETS) {
		const o = accuracyReport(ours(set, false), thresholds);
		const r = accuracyReport(rawScores(set), RAW_THRESHOLDS);
		console.log(
			`| ${set.name} | ${o.polar} / ${o.texts} | ${pct(o.accuracy)} | ${pct(o.neutralShare)} | ${pct(o.strictAccuracy)} | ${pct(r.accuracy)} | ${pct(r.neutralShare)} | ${pct(r.strictAccuracy)} | ${pct(o.threeClassAccuracy)} |`
		);
	}
	console.log(
		'\nSame held-out texts, language detected (texts not detected as their language count as left neutral)'
	);
	console.log('| set | ours accuracy | ours neutral | ours strict |');
	console.log('|---|---|---|---|');
	for (const set of HELD_OUT_SETS) {
		const o = accuracyReport(ours(set, true), thresholds);
		console.log(
			`| ${set.name} | ${pct(o.accuracy)} | ${pct(o.neutralShare)} | ${pct(o.strictAccuracy)} |`
		);
	}
}

function detectionTable(): void {
	console.log(
		'\nLanguage detection: right / wrong / null (undecided), ours vs tinyld on the whole text'
	);
	console.log('| texts | n | ours right | ours wrong | ours null | tinyld right | tinyld wrong |');
	console.log('|---|---|---|---|---|---|---|');
	const rows: { name: string; texts: { text: string; language: string }[] }[] = [
		...[UCI_AMAZON, ...UCI_HELD_OUT, ...OWN_SETS].map((s) => ({
			name: s.name,
			texts: s.texts.map((t) => ({ text: t.text, language: s.language }))
		})),
		{
			name: 'other languages (es fr it pt sv da no pl cs hu et tr id sw af ja zh ru el ko)',
			texts: OTHER_LANGUAGE_TEXTS
		}
	];
	for (const { name, texts } of rows) {
		let right = 0,
			wrong = 0,
			none = 0,
			tinyRight = 0;
		for (const { text, language } of texts) {
			const detected = detectLanguage(text);
			if (detected === null) none++;
			else if (detected === language) right++;
			else wrong++;
			if (detectAll(text)[0]?.lang === language) tinyRight++;
		}
		const n = texts.length;
		console.log(
			`| ${name} | ${n} | ${pct(right / n)} | ${pct(wrong / n)} | ${pct(none / n)} | ${pct(tinyRight / n)} | ${pct(1 - tinyRight / n)} |`
		);
	}
}

/**
 * Texts per CPU second of `passes` passes over `texts`. CPU time of this process, not wall
 * time, so other work on the machine does not skew the comparison.
 */
function rate(texts: string[], run: (text: string) => unknown, passes = 1): number {
	const start = process.cpuUsage();
	for (let p = 0; p < passes; p++) for (const text of texts) run(text);
	const used = process.cpuUsage(start);
	return (texts.length * passes) / ((used.user + used.system) / 1e6);
}

function median(xs: number[]): number {
	const sorted = [...xs].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}

const ROUNDS = 15;
const PASSES_PER_ROUND = 3;

function throughputTable(): void {
	const texts = [
		...UCI_AMAZON.texts,
		...UCI_HELD_OUT.flatMap((s) => s.texts),
		...OWN_SETS.flatMap((s) => s.texts)
	].map((t) => t.text);
	texts.push(...OTHER_LANGUAGE_TEXTS.map((t) => t.text));
	const fmt = (x: number) => Math.round(x).toLocaleString('en');
	console.log(
		`\nThroughput on ${texts.length} texts (UCI, our reviews, other languages), single thread, texts per CPU second`
	);
	// First pass: every word is new to the language detector's and the lexicons' word caches.
	console.log(
		`ours, first pass (cold word caches): ${fmt(rate(texts, (t) => analyzeText(t, { factors: BENCH_FACTORS })))}`
	);
	// Then rounds alternate, so both run under the same JIT and GC conditions; medians reported.
	const runs = {
		raw: (t: string) => raw.analyze(t),
		ours: (t: string) => analyzeText(t, { factors: BENCH_FACTORS }),
		given: (t: string) => analyzeText(t, { language: 'en' })
	};
	const rates: Record<keyof typeof runs, number[]> = { raw: [], ours: [], given: [] };
	for (let round = 0; round < ROUNDS + 3; round++) {
		for (const key of Object.keys(runs) as (keyof typeof runs)[]) {
			const r = rate(texts, runs[key], PASSES_PER_ROUND);
			if (round >= 3) rates[key].push(r);
		}
	}
	const rawRate = median(rates.raw);
	const ourRate = median(rates.ours);
	const givenRate = median(rates.given);
	console.log(`| pipeline | texts/s (median of ${ROUNDS} alternating rounds) | ratio to raw |`);
	console.log('|---|---|---|');
	console.log(`| raw sentiment.analyze | ${fmt(rawRate)} | 1.00 |`);
	console.log(
		`| ours: detect + score + aspects (5 factors) | ${fmt(ourRate)} | ${(ourRate / rawRate).toFixed(2)} |`
	);
	console.log(
		`| ours: language given, no factors | ${fmt(givenRate)} | ${(givenRate / rawRate).toFixed(2)} |`
	);
}

export async function sentimentBenchmark(): Promise<void> {
	const calibrated = calibrateThresholds(CALIBRATION_SETS.map((s) => ours(s, false)));
	console.log(
		`Calibrated on ${CALIBRATION_SETS.map((s) => s.name).join(', ')}: ${JSON.stringify(calibrated)}`
	);
	console.log(`DEFAULT_THRESHOLDS: ${JSON.stringify(DEFAULT_THRESHOLDS)}`);
	accuracyTable(DEFAULT_THRESHOLDS);
	detectionTable();
	throughputTable();
}

if (import.meta.url === `file://${process.argv[1]}`) await sentimentBenchmark();
