// Emoji Sentiment Ranking 1.0 (Kralj Novak et al. 2015, CC BY-SA 4.0) as shipped by `sentiment` 5:
// emoji mean the same in every language, so they count wherever the text is scored.
import emoji from 'sentiment/build/emoji.json';

const EMOJI = new Map<string, number>(Object.entries(emoji as Record<string, number>));
// Emoticons the tokenizer normalises to these four.
EMOJI.set(':)', 2).set(':(', -2).set(':d', 2).set(':p', 1);

export function emojiScore(token: string): number {
	return EMOJI.get(token) ?? 0;
}
