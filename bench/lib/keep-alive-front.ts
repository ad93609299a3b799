import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface KeepAliveFront {
  url: string;
  stop(): Promise<void>;
}

/**
 * A keep-alive HTTP front for PHP's built-in server. `php -S` answers `Connection: close` without a
 * Content-Length, which autocannon cannot measure (it never sees the end of a response); a real
 * site has nginx/Apache in that place anyway. Each request gets its own connection to PHP.
 */
export async function startKeepAliveFront(targetUrl: string): Promise<KeepAliveFront> {
  const target = new URL(targetUrl);
  const server = http.createServer({ keepAlive: true }, (request, response) => {
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, host: target.host, connection: 'close' },
        agent: false,
      },
      (answer) => {
        const headers = { ...answer.headers };
        delete headers.connection;
        response.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', (error) => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`front: ${error.message}`);
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
