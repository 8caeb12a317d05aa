import { z } from 'zod';

type StringParams = Parameters<typeof z.string>[0];

const controlNames: Record<number, string> = { 0: 'NUL', 9: 'tab', 10: 'line break', 13: 'line break' };

function controlName(code: number): string {
	return controlNames[code] ?? `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The first C0 control character (U+0000–U+001F) in `text` that the field cannot hold, with its
 * 1-based position; tab, line feed and carriage return only where the text may span lines.
 */
export function controlCharacterProblem(text: string, { multiline }: { multiline: boolean }): string | null {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code > 0x1f) continue;
		if (multiline && (code === 9 || code === 10 || code === 13)) continue;
		const where = `at character ${index + 1}`;
		if (code === 10 || code === 13) return `Holds a line break ${where}: this field takes one line of text`;
		if (code === 9) return `Holds a tab ${where}: this field takes one line of text`;
		// NUL in particular: SQLite, C libraries and log readers cut text short at it.
		return `Holds the invisible control character ${controlName(code)} ${where}: remove it`;
	}
	return null;
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
export const multilineText = (params?: StringParams) => z.string(params).check(refuseControls(true));
