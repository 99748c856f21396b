/**
 * Listening on this machine's loopback under the name `localhost`: on 127.0.0.1 and, where the
 * machine has IPv6, on ::1 with the same port, so a client reaches the server whichever address it
 * resolves `localhost` to first.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PortInUseError } from './port-in-use.js';

async function listenOn(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/** Stops a server, ending its open connections. */
export const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

/**
 * Listens on one port on 127.0.0.1 and, where the machine has IPv6, on ::1 too. With port 0 the
 * IPv4 port is chosen first; if ::1 has it taken, another is tried.
 */
export async function listenOnLoopback(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
  port: number,
  /** The option a person changes when the port is taken. */
  portOption: PortInUseError['option'],
): Promise<{ port: number; servers: Server[] }> {
  for (let attempt = 0; ; attempt += 1) {
    const v4 = createServer(handler);
    let chosen: number;
    try {
      chosen = await listenOn(v4, port, '127.0.0.1');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(port, portOption);
      throw error;
    }
    const v6 = createServer(handler);
    try {
      await listenOn(v6, chosen, '::1');
      return { port: chosen, servers: [v4, v6] };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT') return { port: chosen, servers: [v4] };
      await closeServer(v4);
      if (code !== 'EADDRINUSE') throw error;
      if (port !== 0) throw new PortInUseError(port, portOption);
      if (attempt >= 5) throw error;
    }
  }
}

