import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedRequest = { method: string; headers: IncomingHttpHeaders; body: Buffer };
/** How the receiver answers its n-th request (0-based): a status code, or 'hang' to never answer. */
export type Answer = (index: number) => number | 'hang';

/** A real HTTP server on a free local port that records what it is sent, for tests. */
export async function startReceiver(answer: Answer = () => 200) {
	const received: ReceivedRequest[] = [];
	const server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const index = received.push({ method: request.method ?? '', headers: request.headers, body: Buffer.concat(chunks) }) - 1;
			const status = answer(index);
			if (status === 'hang') return;
			response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : `status ${status} from the test receiver`);
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
