/**
 * Review import of 100,000 reviews from one generic CSV file (target: ≤ 15 s including sentiment
 * scoring, all or nothing), then the same file again (all already imported). Texts are
 * review-like sentences in the five languages of our first users, varied so that no cache helps.
 * `BENCH_REVIEWS` changes the size. Run: `npx tsx --import ./scripts/svelte-register.mjs scripts/bench-reviews.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Papa from 'papaparse';
import { readReviewFile } from '../src/lib/reviews/review-file';
import { closeSqlite, openSqlite } from '../src/lib/server/db/sqlite-connections';
import { installSubscribers } from '../src/lib/server/events/subscribers';
import { seededRandom } from '../src/lib/server/demo/random';
import { importReviewFile } from '../src/lib/server/reviews/import';

// What follows from recorded responses (cells, tone, cases) is written as in the server.
installSubscribers();

const phrases: Record<string, { good: string[]; bad: string[]; filler: string[] }> = {
	en: {
		good: [
			'friendly staff',
			'quick delivery',
			'great value',
			'very helpful support',
			'clean and comfortable'
		],
		bad: [
			'the driver was rude',
			'delivery was late again',
			'nobody answered my email',
			'the refund took weeks',
			'dirty room'
		],
		filler: [
			'we ordered on a Monday',
			'second visit this year',
			'booked through the website',
			'travelled with two kids'
		]
	},
	de: {
		good: [
			'freundliches Personal',
			'schnelle Lieferung',
			'sehr gute Beratung',
			'sauber und ruhig',
			'pünktlich'
		],
		bad: [
			'der Fahrer war unhöflich',
			'die Lieferung kam zu spät',
			'niemand hat geantwortet',
			'die Erstattung dauerte Wochen',
			'schmutziges Zimmer'
		],
		filler: [
			'wir haben am Montag bestellt',
			'zweiter Besuch',
			'über die Webseite gebucht',
			'mit zwei Kindern gereist'
		]
	},
	nl: {
		good: [
			'vriendelijk personeel',
			'snelle levering',
			'goede service',
			'schoon en rustig',
			'op tijd'
		],
		bad: [
			'de chauffeur was onbeleefd',
			'de levering was te laat',
			'niemand reageerde',
			'de terugbetaling duurde weken',
			'vieze kamer'
		],
		filler: [
			'besteld op maandag',
			'tweede bezoek dit jaar',
			'geboekt via de website',
			'met twee kinderen'
		]
	},
	fi: {
		good: [
			'ystävällinen henkilökunta',
			'nopea toimitus',
			'erinomainen palvelu',
			'siisti ja rauhallinen',
			'ajallaan'
		],
		bad: [
			'kuljettaja oli töykeä',
			'toimitus myöhästyi taas',
			'kukaan ei vastannut',
			'hyvitys kesti viikkoja',
			'likainen huone'
		],
		filler: [
			'tilasimme maanantaina',
			'toinen käynti tänä vuonna',
			'varattu verkkosivulta',
			'matkustimme lasten kanssa'
		]
	},
	ro: {
		good: [
			'personal prietenos',
			'livrare rapidă',
			'servicii excelente',
			'curat și liniștit',
			'la timp'
		],
		bad: [
			'șoferul a fost nepoliticos',
			'livrarea a întârziat',
			'nimeni nu a răspuns',
			'rambursarea a durat săptămâni',
			'cameră murdară'
		],
		filler: [
			'am comandat luni',
			'a doua vizită anul acesta',
			'rezervat pe site',
			'am călătorit cu copiii'
		]
	}
};
const languages = Object.keys(phrases);

/** A generic CSV file of `count` reviews with guessable headers; about 150 bytes per review. */
export function reviewCsv(count: number, seed = 5): string {
	const random = seededRandom(seed);
	const data = Array.from({ length: count }, (_, i) => {
		const language = random.pick(languages);
		const words = phrases[language]!;
		const stars = random.integer(1, 5);
		const tone =
			stars >= 4
				? words.good
				: stars <= 2
					? words.bad
					: random.chance(0.5)
						? words.good
						: words.bad;
		const text = `${random.pick(words.filler)} (${random.integer(2, 99)}), ${random.pick(tone)}, ${random.pick(tone)}.`;
		const day = `2025-${String(random.integer(1, 12)).padStart(2, '0')}-${String(random.integer(1, 28)).padStart(2, '0')}`;
		return [
			'trustpilot',
			`r${i}`,
			`Reviewer ${i % 9000}`,
			String(stars),
			text,
			day,
			random.chance(0.3) ? language : '',
			random.pick(['Berlin', 'Amsterdam', 'Helsinki', 'Cluj', 'London'])
		];
	});
	return Papa.unparse({
		fields: ['source', 'review id', 'author', 'stars', 'text', 'date', 'language', 'location'],
		data
	});
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function reviewImportTimings(
	count = Number(process.env.BENCH_REVIEWS ?? 100_000)
): Promise<{ importMs: number; reimportMs: number }> {
	const dir = mkdtempSync(join(tmpdir(), 'satisfy-bench-reviews-'));
	try {
		const db = openSqlite(join(dir, 'app.db'));
		const bytes = new TextEncoder().encode(reviewCsv(count));
		const options = { actor: { userId: null }, origin: { kind: 'file', name: 'bench' } as const };
		console.log(
			`Review import — ${count.toLocaleString('en')} reviews, ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB CSV`
		);

		let start = performance.now();
		const read = readReviewFile(bytes);
		const readMs = performance.now() - start;
		if (!read.ok || read.issueCount)
			throw new Error(
				`The bench file is not valid: ${read.ok ? read.issues[0]?.message : read.message}`
			);

		start = performance.now();
		const imported = await importReviewFile(db, bytes, {}, options);
		const importMs = performance.now() - start;
		if (!imported.ok || imported.created !== count)
			throw new Error(`Import failed: ${JSON.stringify(imported).slice(0, 300)}`);

		start = performance.now();
		const again = await importReviewFile(db, bytes, {}, options);
		const reimportMs = performance.now() - start;
		if (!again.ok || again.created !== 0) throw new Error('Re-import created reviews');

		const { positive, neutral, negative, notScored } = imported.sentiment;
		console.log(
			`  import, all or nothing, scored: ${seconds(importMs)}   (target ≤ 15 s; of which reading and checking ${seconds(readMs)})`
		);
		console.log(
			`  sentiment: ${positive} positive, ${neutral} neutral, ${negative} negative, ${notScored} not scored`
		);
		console.log(
			`  same file again: ${seconds(reimportMs)}, ${again.alreadyImported.toLocaleString('en')} already imported, 0 new`
		);
		console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
		closeSqlite(db);
		return { importMs, reimportMs };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await reviewImportTimings();
