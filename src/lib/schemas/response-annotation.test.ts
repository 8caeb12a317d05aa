import { describe, expect, it } from 'vitest';
import { responseAnnotationSchema } from './response-annotation';

const messages = (input: unknown) =>
	responseAnnotationSchema
		.safeParse(input)
		.error?.issues.map(({ path, message }) => [path.join('.'), message]);

describe('tags and a note as the response page sends them', () => {
	it('splits tags at commas, lower-cased, each once, and keeps the note without its outer blanks', () => {
		expect(
			responseAnnotationSchema.parse({
				tags: ' Callback, pricing ,, CALLBACK,Late flight ',
				note: '  Called her.\nShe will write.  '
			})
		).toEqual({
			tags: ['callback', 'pricing', 'late flight'],
			note: 'Called her.\nShe will write.'
		});
	});

	it('takes empty or missing fields as no tags and no note', () => {
		expect(responseAnnotationSchema.parse({ tags: '', note: '   ' })).toEqual({
			tags: [],
			note: null
		});
		expect(responseAnnotationSchema.parse({})).toEqual({ tags: [], note: null });
	});

	it('refuses too many tags, a tag too long, a note too long and control characters, saying which', () => {
		const tags = Array.from({ length: 21 }, (_, i) => `t${i}`).join(',');
		expect(messages({ tags })).toEqual([['tags', 'Give at most 20 tags']]);
		expect(messages({ tags: `ok, ${'x'.repeat(51)}` })).toEqual([
			['tags.1', 'A tag has at most 50 characters']
		]);
		expect(messages({ tags: 'x'.repeat(2000) })).toEqual([
			['tags', 'Give at most 20 tags of at most 50 characters each']
		]);
		expect(messages({ note: 'n'.repeat(5001) })).toEqual([
			['note', 'Keep the note to 5000 characters']
		]);
		expect(messages({ tags: 'a\tb' })?.[0]?.[0]).toBe('tags');
		expect(messages({ note: 'a\u0000b' })).toEqual([
			['note', 'Holds the invisible control character NUL at character 2: remove it']
		]);
	});
});
