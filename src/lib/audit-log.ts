/** Who made an audit entry: a staff user, an API key, or neither (a client themself, or Satisfy). */
export type AuditActor =
	| { kind: 'user'; id: string; name: string; email: string }
	| { kind: 'key'; id: string; name: string }
	| null;

export const NO_ACTOR_LABEL = 'the client themself / system';

/** The actor as the Settings page and the CSV name them. */
export function actorLabel(actor: AuditActor): string {
	if (!actor) return NO_ACTOR_LABEL;
	return actor.kind === 'user' ? `${actor.name} <${actor.email}>` : `API key “${actor.name}”`;
}
