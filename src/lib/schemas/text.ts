import { z } from 'zod';
import * as m from '../paraglide/messages';

type StringParams = Parameters<typeof z.string>[0];

function controlName(code: number): string {
	return code === 0 ? 'NUL' : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

// A regular expression finds the first one faster than a loop: imports check 100,000 texts.
// Control characters are exactly what these look for.
// eslint-disable-next-line no-control-regex
const anyControl = /[\u0000-\u001F]/;
// eslint-disable-next-line no-control-regex
const controlBesidesLineBreaks = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

/**
 * What is wrong with the first C0 control character (U+0000–U+001F) in `text` that the field
 * cannot hold, and where it is (1-based); tab, line feed and carriage return are allowed only
 * where the text may span lines.
 */
export function controlCharacterProblem(
	text: string,
	{ multiline }: { multiline: boolean }
): string | null {
	const found = (multiline ? controlBesidesLineBreaks : anyControl).exec(text);
	if (!found) return null;
	const code = found[0].charCodeAt(0);
	const position = found.index + 1;
	if (code === 10 || code === 13) return m.schema_text_line_break({ position });
	if (code === 9) return m.schema_text_tab({ position });
	// NUL in particular: C libraries, terminals and log readers cut text short at it.
	return m.schema_text_control({ name: controlName(code), position });
}

const refuseControls = (multiline: boolean) => (ctx: z.core.ParsePayload<string>) => {
	const message = controlCharacterProblem(ctx.value, { multiline });
	if (message) ctx.issues.push({ code: 'custom', input: ctx.value, message, continue: true });
};

/**
 * One line of text, as names, titles, ids and search terms are: no control characters at all.
 * Every text field of a form or an API body starts from this or `multilineText`; chain `.trim()`,
 * `.max()` and the like as for `z.string()`.
 */
export const lineText = (params?: StringParams) => z.string(params).check(refuseControls(false));

/** Text that may span lines (comments, answers, email bodies): tabs and line breaks allowed, other control characters not. */
export const multilineText = (params?: StringParams) =>
	z.string(params).check(refuseControls(true));
