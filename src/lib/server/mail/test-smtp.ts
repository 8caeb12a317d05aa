import { SMTPServer } from 'smtp-server';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A real SMTP server on a free port; `refuse` decides per recipient: null to accept, or an SMTP code.
 * `dropAfterData(n)` makes it take the next n messages and then hang up before answering, so the
 * sender cannot know they arrived. `connections` counts the connections senders opened.
 */
export async function startSmtp(refuse: (to: string) => number | null = () => null, port = 0) {
	const received: string[] = [];
	const sockets = new Set<Socket>();
	let connections = 0;
	let drops = 0;
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onRcptTo(address, _session, callback) {
			const code = refuse(address.address);
			if (code)
				callback(
					Object.assign(new Error(code >= 500 ? 'Mailbox unknown' : 'Try again later'), {
						responseCode: code
					})
				);
			else callback();
		},
		onData(stream, _session, callback) {
			let raw = '';
			stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
			stream.on('end', () => {
				received.push(raw);
				if (drops-- > 0) for (const socket of sockets) socket.destroy();
				else callback();
			});
		}
	});
	server.server.on('connection', (socket: Socket) => {
		connections += 1;
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	const address = server.server.address() as AddressInfo;
	return {
		received,
		port: address.port,
		url: `smtp://127.0.0.1:${address.port}`,
		connections: () => connections,
		dropAfterData: (times: number) => void (drops = times),
		// Hangs up on pooled connections still open, as a server going down does, instead of waiting for them.
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			})
	};
}

/** Undoes quoted-printable soft line breaks and escapes, enough to read links in a raw message. */
export const readable = (raw: string) =>
	raw
		.replace(/=\r?\n/g, '')
		.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
