import { request, createServer, type IncomingMessage, type Server } from 'node:http';

/**
 * A small round-robin HTTP load balancer in front of several app nodes, as nginx would be: each
 * request goes to the next node; a node that refuses the connection (stopped, killed) is skipped
 * and the request tried on the next one, since it never reached the dead node. A node that dies
 * while handling a request answers 502, as a real balancer would: that request was never
 * acknowledged to its sender.
 */
export type LoadBalancer = {
	origin: string;
	/** How many requests each node has answered, in the order the nodes were given. */
	answered: number[];
	close: () => Promise<void>;
};

export async function startLoadBalancer(nodes: string[]): Promise<LoadBalancer> {
	const answered = nodes.map(() => 0);
	let next = 0;

	function forward(
		incoming: IncomingMessage,
		body: Buffer,
		tries: number
	): Promise<{
		status: number;
		headers: Record<string, string | string[] | undefined>;
		body: Buffer;
	}> {
		const index = next++ % nodes.length;
		const target = new URL(incoming.url ?? '/', nodes[index]);
		return new Promise((resolve, reject) => {
			const outgoing = request(
				target,
				{ method: incoming.method, headers: incoming.headers },
				(response) => {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('end', () => {
						answered[index]!++;
						resolve({
							status: response.statusCode ?? 502,
							headers: response.headers,
							body: Buffer.concat(chunks)
						});
					});
					response.on('error', reject);
				}
			);
			outgoing.on('error', (error: NodeJS.ErrnoException) => {
				if (error.code === 'ECONNREFUSED' && tries < nodes.length)
					forward(incoming, body, tries + 1).then(resolve, reject);
				else reject(error);
			});
			outgoing.end(body);
		});
	}

	const server: Server = createServer((incoming, outgoing) => {
		const chunks: Buffer[] = [];
		incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
		incoming.on('end', () => {
			forward(incoming, Buffer.concat(chunks), 1).then(
				({ status, headers, body }) => {
					outgoing.writeHead(status, headers);
					outgoing.end(body);
				},
				() => {
					outgoing.writeHead(502, { 'content-type': 'text/plain' });
					outgoing.end('Bad gateway: the node died during the request');
				}
			);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	return {
		origin: `http://127.0.0.1:${port}`,
		answered,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
