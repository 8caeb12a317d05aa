import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { ForbiddenKind, TargetRefusal } from '../../webhooks/target-refusal';

// RFC 6890's special-purpose registries, the ranges that lead to this host or a private network.
const forbiddenRanges: { kind: ForbiddenKind; range: string }[] = [
	{ kind: 'unspecified', range: '0.0.0.0/8' },
	{ kind: 'loopback', range: '127.0.0.0/8' },
	{ kind: 'private', range: '10.0.0.0/8' },
	{ kind: 'private', range: '172.16.0.0/12' },
	{ kind: 'private', range: '192.168.0.0/16' },
	{ kind: 'shared', range: '100.64.0.0/10' },
	{ kind: 'link-local', range: '169.254.0.0/16' },
	{ kind: 'multicast', range: '224.0.0.0/4' },
	{ kind: 'broadcast', range: '240.0.0.0/4' },
	{ kind: 'unspecified', range: '::/128' },
	{ kind: 'loopback', range: '::1/128' },
	{ kind: 'link-local', range: 'fe80::/10' },
	// Site-local: deprecated, but still routed to private networks where it is in use.
	{ kind: 'private', range: 'fec0::/10' },
	{ kind: 'unique-local', range: 'fc00::/7' },
	{ kind: 'multicast', range: 'ff00::/8' }
].map(({ kind, range }) => ({ kind: kind as ForbiddenKind, range }));

const rangeLists = forbiddenRanges.map(({ kind, range }) => {
	const [network, prefix] = range.split('/') as [string, string];
	const list = new BlockList();
	list.addSubnet(network, Number(prefix), isIP(network) === 6 ? 'ipv6' : 'ipv4');
	return { kind, range, list, family: isIP(network) === 6 ? ('ipv6' as const) : ('ipv4' as const) };
});

/** The eight 16-bit groups of an IPv6 address, with `::` expanded and a trailing dotted quad folded in. */
function ipv6Groups(address: string): number[] {
	let text = address.split('%')[0]!.toLowerCase();
	const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
	if (quad) {
		const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
		text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
	}
	const [head = '', tail] = text.split('::');
	const groups = (part: string) =>
		part ? part.split(':').map((group) => Number.parseInt(group, 16)) : [];
	const front = groups(head);
	const back = tail === undefined ? [] : groups(tail);
	return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}

/**
 * The IPv4 address an IPv6 one stands for, where the network carries it to that IPv4 host:
 * IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16).
 */
function embeddedIPv4(address: string): string | null {
	const g = ipv6Groups(address);
	const quad = (high: number, low: number) =>
		[high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
	const zeros = (from: number, to: number) => g.slice(from, to).every((group) => group === 0);
	if (zeros(0, 5) && g[5] === 0xffff) return quad(g[6]!, g[7]!);
	if (zeros(0, 6) && (g[6] !== 0 || g[7]! > 1)) return quad(g[6]!, g[7]!);
	if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return quad(g[6]!, g[7]!);
	if (g[0] === 0x2002) return quad(g[1]!, g[2]!);
	return null;
}

/** Which forbidden range an IP address falls in (its IPv4 range for IPv6 forms of one), or null. */
export function forbiddenAddressRange(
	address: string
): { kind: ForbiddenKind; range: string } | null {
	const plain = address.split('%')[0]!;
	const family = isIP(plain);
	if (family === 0) throw new Error(`Not an IP address: ${address}`);
	const embedded = family === 6 ? embeddedIPv4(plain) : null;
	const [checked, type] = embedded
		? [embedded, 'ipv4' as const]
		: [plain, family === 6 ? ('ipv6' as const) : ('ipv4' as const)];
	const found = rangeLists.find(({ list, family }) => family === type && list.check(checked, type));
	return found ? { kind: found.kind, range: found.range } : null;
}

export function forbiddenAddressKind(address: string): ForbiddenKind | null {
	return forbiddenAddressRange(address)?.kind ?? null;
}

const hostnamePattern =
	/^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/i;
const unbracketed = (entry: string) => entry.replace(/^\[(.*)\]$/, '$1');

/** A WEBHOOK_ALLOWED_HOSTS entry: a host name, an IP address, or a CIDR range such as 10.0.0.0/8. */
export function isAllowListEntry(entry: string): boolean {
	const [network = '', prefix, extra] = unbracketed(entry).split('/');
	if (extra !== undefined) return false;
	if (prefix !== undefined) {
		const family = isIP(network);
		return family !== 0 && /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32);
	}
	return isIP(network) !== 0 || hostnamePattern.test(network);
}

export type AllowList = {
	allowsAddress: (address: string) => boolean;
	allowsHostname: (hostname: string) => boolean;
};

/** Entries must pass `isAllowListEntry` (the configuration checks them at start). */
export function allowList(entries: readonly string[]): AllowList {
	const addresses = new BlockList();
	const hostnames = new Set<string>();
	for (const entry of entries.map(unbracketed)) {
		const [network = '', prefix] = entry.split('/');
		const family = isIP(network);
		if (family === 0) hostnames.add(entry.toLowerCase());
		else if (prefix === undefined) addresses.addAddress(network, family === 6 ? 'ipv6' : 'ipv4');
		else addresses.addSubnet(network, Number(prefix), family === 6 ? 'ipv6' : 'ipv4');
	}
	return {
		allowsAddress: (address) => {
			const plain = address.split('%')[0]!;
			return addresses.check(plain, isIP(plain) === 6 ? 'ipv6' : 'ipv4');
		},
		allowsHostname: (hostname) => hostnames.has(hostname.toLowerCase())
	};
}

export type Resolve = (hostname: string) => Promise<LookupAddress[]>;
/** The system resolver (hosts file, then DNS), every address it has, in its order. */
export const systemResolve: Resolve = (hostname) => lookup(hostname, { all: true, verbatim: true });

export type ResolvedTarget =
	{ refusal: TargetRefusal } | { refusal: null; hostname: string; addresses: LookupAddress[] };

/**
 * Where a webhook address leads: its host name resolved (an IP address as is), and a refusal if
 * any address it leads to is forbidden and not allow-listed. Throws what `resolve` throws.
 */
export async function resolveWebhookTarget(
	url: string,
	allowed: AllowList,
	resolve: Resolve = systemResolve
): Promise<ResolvedTarget> {
	const hostname = unbracketed(new URL(url).hostname);
	const family = isIP(hostname);
	const addresses = family ? [{ address: hostname, family }] : await resolve(hostname);
	if (!family && allowed.allowsHostname(hostname)) return { refusal: null, hostname, addresses };
	for (const { address } of addresses) {
		const forbidden = allowed.allowsAddress(address) ? null : forbiddenAddressRange(address);
		if (forbidden)
			return { refusal: { host: hostname, address, namedAddress: family !== 0, ...forbidden } };
	}
	return { refusal: null, hostname, addresses };
}

const SAVE_LOOKUP_MS = 5000;

/**
 * Why a webhook address may not be saved, or null. A name that does not resolve (yet) is accepted:
 * every delivery checks again the address it connects to.
 */
export async function webhookTargetRefusal(
	url: string,
	allowed: AllowList,
	resolve: Resolve = systemResolve
): Promise<TargetRefusal | null> {
	const orNothing: Resolve = (hostname) =>
		settledBefore(resolve(hostname), AbortSignal.timeout(SAVE_LOOKUP_MS)).catch(() => []);
	return (await resolveWebhookTarget(url, allowed, orNothing)).refusal;
}

/** `promise`, or the signal's reason once it aborts first; the promise itself cannot be cancelled (getaddrinfo). */
export function settledBefore<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		if (signal.aborted) return reject(signal.reason);
		const abort = () => reject(signal.reason);
		signal.addEventListener('abort', abort, { once: true });
		promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
	});
}
