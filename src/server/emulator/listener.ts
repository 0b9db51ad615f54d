// The emulator's own HTTP server, for when it is not mounted in another: listen on a port, and on close, stop
// listening and cut every connection still open (an upload in flight included).
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Listener {
  /** The address it listens on, once listening. */
  readonly url: string | undefined;
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

export function createListener(handler: RequestListener): Listener {
  let server: Server | undefined;
  let url: string | undefined;
  const sockets = new Set<Socket>();
  return {
    get url() {
      return url;
    },
    listen(port, host) {
      if (server) return Promise.reject(new Error('The emulator is already listening.'));
      const srv = createServer(handler);
      srv.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      server = srv;
      return new Promise<string>((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(port, host, () => {
          srv.off('error', reject);
          const address = srv.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          url = `http://${shownHost}:${address.port}`;
          resolve(url);
        });
      });
    },
    async close() {
      const srv = server;
      server = undefined;
      url = undefined;
      if (!srv) return;
      await new Promise<void>((resolve) => {
        srv.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
