import * as m from '../paraglide/messages';

/**
 * Addresses a webhook must not reach unless allow-listed: this server itself, the networks behind
 * it (where admin panels and cloud metadata services answer) and addresses that are not one host.
 */
export type ForbiddenKind =
	| 'unspecified'
	| 'loopback'
	| 'private'
	| 'shared'
	| 'link-local'
	| 'unique-local'
	| 'multicast'
	| 'broadcast';

/**
 * Why a webhook may not go where its address leads: `address` lies in `range`, of a forbidden
 * `kind`. `host` is the address's host name, or the address itself when the URL named it
 * (`namedAddress`). Stored with a delivery that was not sent, and worded when read.
 */
export type TargetRefusal = {
	host: string;
	address: string;
	namedAddress: boolean;
	kind: ForbiddenKind;
	range: string;
};

const kindTexts: Record<ForbiddenKind, () => string> = {
	unspecified: m.webhooks_address_kind_unspecified,
	loopback: m.webhooks_address_kind_loopback,
	private: m.webhooks_address_kind_private,
	shared: m.webhooks_address_kind_shared,
	'link-local': m.webhooks_address_kind_link_local,
	'unique-local': m.webhooks_address_kind_unique_local,
	multicast: m.webhooks_address_kind_multicast,
	broadcast: m.webhooks_address_kind_broadcast
};

/** The refusal in the reader's words, with how to allow the address. */
export function targetRefusalText({
	host,
	address,
	namedAddress,
	kind,
	range
}: TargetRefusal): string {
	const where = { address, kind: kindTexts[kind](), range };
	return namedAddress
		? m.webhooks_target_refused_address(where)
		: m.webhooks_target_refused_host({ ...where, host });
}
