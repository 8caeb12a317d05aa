import * as m from '../paraglide/messages';

/**
 * A note Satisfy writes on a model version, as a code and its parameters, worded when shown in
 * the reader's language; a person's note is kept as they wrote it.
 */
export type VersionNote =
	| { code: 'firstVersion'; params?: undefined }
	/** Weights derived from clients' importance answers, at least `count` per factor. */
	| { code: 'derived'; params: { count: number } };

export type VersionNoteCode = VersionNote['code'];
export type VersionNoteParams = NonNullable<VersionNote['params']>;

/** The version's note in the reader's words: Satisfy's from its code, a person's as written. */
export function versionNoteText(version: {
	noteCode: VersionNoteCode | null;
	noteParams: VersionNoteParams | null;
	note: string | null;
}): string | null {
	if (version.noteCode === 'firstVersion') return m.models_first_version_note();
	if (version.noteCode === 'derived') return m.models_derived_note(version.noteParams!);
	return version.note;
}
