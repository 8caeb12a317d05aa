import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { MessagePart } from '$lib/paraglide/runtime';
import MessageFixture from './message-fixture.svelte';

const start = (name: string) =>
	({ type: 'markup-start', name, options: {}, attributes: {} }) as MessagePart;
const end = (name: string) =>
	({ type: 'markup-end', name, options: {}, attributes: {} }) as MessagePart;
const text = (value: string) => ({ type: 'text', value }) as MessagePart;

const html = (parts: MessagePart[]) =>
	render(MessageFixture, { props: { parts } })
		.body.replace(/<!--.*?-->/g, '')
		.trim();

describe('Message', () => {
	it('draws each tag with its snippet around its content, where the wording puts it', () => {
		expect(
			html([text('Read '), start('link'), text('the guide'), end('link'), text(' first.')])
		).toBe('<p>Read <a href="/guide">the guide</a> first.</p>');
		// As Finnish might put it: the link first.
		expect(html([start('link'), text('Ohje'), end('link'), text(' kertoo lisää.')])).toBe(
			'<p><a href="/guide">Ohje</a> kertoo lisää.</p>'
		);
	});

	it('nests tags', () => {
		expect(
			html([start('link'), start('strong'), text('Now'), end('strong'), text('!'), end('link')])
		).toBe('<p><a href="/guide"><strong>Now</strong>!</a></p>');
	});

	it('escapes the wording', () => {
		expect(html([text('<script>')])).toBe('<p>&lt;script></p>');
	});
});
