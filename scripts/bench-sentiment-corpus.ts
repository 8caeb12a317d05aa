/**
 * Strict accuracy (neutral counted as wrong) on the labelled corpus (src/lib/sentiment/corpus),
 * per language and split, overall and per factor mention. Figures go to docs/sentiment.md.
 * Run: `npx tsx scripts/bench-sentiment-corpus.ts`.
 */
import { measureCorpus } from '../src/lib/sentiment/corpus/measure';
import { shareOf, type Tally } from '../src/lib/sentiment/evaluate';
import { SUPPORTED_LANGUAGES } from '../src/lib/sentiment/types';

const percent = (tally: Tally) =>
	`${(shareOf(tally) * 100).toFixed(1)}% (${tally.right}/${tally.total})`.padEnd(17);

console.log('| language | split    | overall           | aspects           | spurious factors |');
console.log('| -------- | -------- | ----------------- | ----------------- | ---------------- |');
for (const language of SUPPORTED_LANGUAGES)
	for (const split of ['tuning', 'held-out'] as const) {
		const { overall, aspects, spurious } = measureCorpus(language, split);
		console.log(
			`| ${language.padEnd(8)} | ${split.padEnd(8)} | ${percent(overall)} | ${percent(aspects)} | ${String(spurious).padEnd(16)} |`
		);
	}
