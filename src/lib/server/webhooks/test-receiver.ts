import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedRequest = {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	body: Buffer;
};
/** How the receiver answers its n-th request (0-based): a status code, one with a body or a redirect, or 'hang' to never answer. */
export type Answer = (
	index: number
) => number | { status: number; body?: string; location?: string } | 'hang';

/** A real HTTP server on a free local port that records what it is sent, for tests. */
export async function startReceiver(answer: Answer = () => 200) {
	const received: ReceivedRequest[] = [];
	const server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const index =
				received.push({
					method: request.method ?? '',
					path: request.url ?? '',
					headers: request.headers,
					body: Buffer.concat(chunks)
				}) - 1;
			const given = answer(index);
			if (given === 'hang') return;
			const { status, body, location } = typeof given === 'number' ? { status: given } : given;
			response
				.writeHead(status, { 'content-type': 'text/plain', ...(location ? { location } : {}) })
				.end(body ?? (status < 300 ? 'ok' : `status ${status} from the test receiver`));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/hooks`,
		received,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
