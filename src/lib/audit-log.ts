import * as m from './paraglide/messages';

/** Who made an audit entry: a staff user, an API key, or neither (a client themself, or Satisfy). */
export type AuditActor =
	| { kind: 'user'; id: string; name: string; email: string }
	| { kind: 'key'; id: string; name: string }
	| null;

/** The actor of entries that have none, in the reader's language. */
export const noActorLabel = () => m.audit_no_actor_label();

/** The actor as the Settings page and the CSV name them. */
export function actorLabel(actor: AuditActor): string {
	if (!actor) return noActorLabel();
	return actor.kind === 'user'
		? `${actor.name} <${actor.email}>`
		: m.settings_audit_api_key_actor({ name: actor.name });
}
