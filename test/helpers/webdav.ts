import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { v2 as webdav } from 'webdav-server';

// A real WebDAV server (the webdav-server package) on 127.0.0.1, storing into a folder the test can read,
// behind a small proxy the test can take down or make cut an upload halfway.

export interface WebDavFixture {
  /** The collection URL delivery targets point at (through the proxy). */
  url: string;
  /** How many PUT requests reached the proxy. */
  puts(): number;
  /** Cut the next PUT's connection after its first chunk, as a dropped mobile link would. */
  cutNextUpload(): void;
  /** Refuse connections (the server is down) until `up()`. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

const listen = (server: Server, port = 0) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });

const stop = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

export const startWebDav = async (
  dir: string,
  user = { name: 'jieyang', password: 'Jy-2023!' },
): Promise<WebDavFixture> => {
  const users = new webdav.SimpleUserManager();
  const account = users.addUser(user.name, user.password, false);
  const privileges = new webdav.SimplePathPrivilegeManager();
  privileges.setRights(account, '/', ['all']);
  const dav = new webdav.WebDAVServer({
    httpAuthentication: new webdav.HTTPBasicAuthentication(users, 'bangfu'),
    privilegeManager: privileges,
    requireAuthentification: true,
    hostname: '127.0.0.1',
  });
  await new Promise<void>((resolve) =>
    dav.setFileSystem('/', new webdav.PhysicalFileSystem(dir), () => resolve()),
  );
  const davServer = await new Promise<Server>((resolve) => {
    dav.start(0, (s) => resolve(s as Server));
  });
  await new Promise<void>((resolve) =>
    davServer.listening ? resolve() : davServer.once('listening', resolve),
  );
  const davPort = (davServer.address() as AddressInfo).port;

  let puts = 0;
  let cut = false;
  const proxy = () =>
    createServer((req, res) => {
      if (req.method === 'PUT') {
        puts++;
        if (cut) {
          cut = false;
          req.once('data', () => req.socket.destroy());
          return;
        }
      }
      const upstream = request(
        { host: '127.0.0.1', port: davPort, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
  let front = proxy();
  const port = await listen(front);

  return {
    url: `http://127.0.0.1:${port}/`,
    puts: () => puts,
    cutNextUpload: () => {
      cut = true;
    },
    down: () => stop(front),
    up: async () => {
      front = proxy();
      await listen(front, port);
    },
    close: async () => {
      if (front.listening) await stop(front);
      await new Promise<void>((resolve) => dav.stop(() => resolve()));
    },
  };
};
