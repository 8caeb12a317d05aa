import { describe, expect, it } from 'vitest';
import { clientInputSchema } from './clients';
import { caseCommentFormSchema } from './followups';
import { lineText, multilineText } from './text';

const messages = (result: {
	success: boolean;
	error?: { issues: { path: PropertyKey[]; message: string }[] };
}) =>
	result.success
		? []
		: result.error!.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);

describe('the text building block of every form and API field', () => {
	it('refuses a NUL byte, saying where it is', () => {
		expect(messages(lineText().safeParse('Anna\u0000Berg'))).toEqual([
			': Holds the invisible control character NUL at character 5: remove it'
		]);
		expect(messages(multilineText().safeParse('Fine\u0000'))).toEqual([
			': Holds the invisible control character NUL at character 5: remove it'
		]);
	});

	it('refuses the other C0 control characters, by their code point', () => {
		expect(messages(lineText().safeParse('bell\u0007'))).toEqual([
			': Holds the invisible control character U+0007 at character 5: remove it'
		]);
		expect(messages(multilineText().safeParse('escape \u001b[31m red'))).toEqual([
			': Holds the invisible control character U+001B at character 8: remove it'
		]);
	});

	it('allows tabs and line breaks only in text that may span lines', () => {
		expect(multilineText().safeParse('First line\r\n\tsecond line').success).toBe(true);
		expect(messages(lineText().safeParse('Anna\nBerg'))).toEqual([
			': Holds a line break at character 5: this field takes one line of text'
		]);
		expect(messages(lineText().safeParse('Anna\tBerg'))).toEqual([
			': Holds a tab at character 5: this field takes one line of text'
		]);
	});

	it('keeps ordinary text, accents, emoji and the checks chained after it', () => {
		expect(lineText().trim().max(20).parse('  Jürgen Škoda 😀 ')).toBe('Jürgen Škoda 😀');
		expect(messages(lineText().trim().min(1, { error: 'Enter a name' }).safeParse('  '))).toEqual([
			': Enter a name'
		]);
	});
});

describe('forms and API bodies built on it', () => {
	it('refuse a client whose name or company holds a NUL byte, naming the field', () => {
		const client = {
			email: 'anna@example.com',
			name: 'Anna\u0000',
			company: 'Acme\u0000Ltd',
			language: 'en'
		};
		expect(messages(clientInputSchema.safeParse(client))).toEqual([
			'name: Holds the invisible control character NUL at character 5: remove it',
			'company: Holds the invisible control character NUL at character 5: remove it'
		]);
	});

	it('take a case comment over several lines but not with a NUL byte', () => {
		expect(
			caseCommentFormSchema.safeParse({ comment: 'Called back.\nAll fine now.' }).success
		).toBe(true);
		expect(messages(caseCommentFormSchema.safeParse({ comment: 'Called\u0000back' }))).toEqual([
			'comment: Holds the invisible control character NUL at character 7: remove it'
		]);
	});
});
