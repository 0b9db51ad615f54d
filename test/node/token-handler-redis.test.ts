// A rate limit shared by several instances of a site: two token handlers, on two servers as behind a load balancer,
// count one client against one budget held in a real Redis server, through rate-limiter-flexible's RateLimiterRedis.
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Redis, type RedisOptions } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { emulatorTokens, rawRequest } from './token-handler.support.js';
import { closers, emulatorUrl, logged, mount, useEmulator } from './token-handler.setup.js';

useEmulator();

let redis: RedisServer;
const clients: Redis[] = [];

beforeAll(async () => {
  redis = await startRedis();
}, 60_000);

afterAll(async () => {
  for (const client of clients) client.disconnect();
  await redis?.stop();
});

/**
 * The client as docs/backend.md makes it: a count waits in ioredis's offline queue while the connection is being
 * made, and fails at the first connection attempt that fails, so a request neither 503s before Redis is connected
 * nor waits long while Redis is away.
 */
const DOCUMENTED: RedisOptions = { maxRetriesPerRequest: 0 };

/** One instance of the site: its own Redis connection, the limiter every instance builds the same way. */
async function instance(keyPrefix: string, points = 3): Promise<string> {
  const client = new Redis(redis.port, '127.0.0.1', DOCUMENTED);
  // As the documented recipe does: a listener, so ioredis does not print each failed reconnection.
  client.on('error', () => {});
  clients.push(client);
  await new Promise<void>((resolve, reject) => {
    client.once('ready', resolve);
    client.once('error', reject);
  });
  return mount({ rateLimit: { limiter: new RateLimiterRedis({ storeClient: client, points, duration: 60, keyPrefix }) } });
}

describe('a rate limit shared through Redis', () => {
  it('counts a client once across two handler instances: the fourth request is refused by whichever instance gets it', async () => {
    const [a, b] = [await instance('shared'), await instance('shared')];
    const statuses = [];
    for (const url of [a, b, a, b, a]) statuses.push((await rawRequest(url)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const refused = await rawRequest(b);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['x-ratelimit-limit']).toBe('3');
    expect(await emulatorTokens(emulatorUrl)).toHaveLength(3);
    // The count lives in Redis, not in either process.
    const keys = await clients[0]!.keys('shared:*');
    expect(keys).toHaveLength(1);
    expect(Number(await clients[0]!.get(keys[0]!))).toBeGreaterThanOrEqual(5);
  });

  it('where each instance counts in its own memory, the same client gets twice the budget (what sharing prevents)', async () => {
    const [a, b] = [await mount({ rateLimit: 3 }), await mount({ rateLimit: 3 })];
    const statuses = [];
    for (const url of [a, b, a, b, a, b]) statuses.push((await rawRequest(url)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
  });

  it('serves a request that arrives while the connection to Redis is still being made, once it is made', async () => {
    // Between the client and Redis, a door that lets the connection through only when told: until then the client is
    // connected to nothing that answers, as in the first milliseconds of a site's start.
    const held: Socket[] = [];
    let open = false;
    const door: Server = createServer((socket) => {
      socket.on('error', () => {});
      if (open) pass(socket);
      else held.push(socket);
    });
    const pass = (socket: Socket) => {
      const upstream = connect(redis.port, '127.0.0.1');
      upstream.on('error', () => socket.destroy());
      socket.pipe(upstream).pipe(socket);
    };
    await new Promise<void>((resolve) => door.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise<void>((resolve) => door.close(() => resolve())));
    const client = new Redis((door.address() as AddressInfo).port, '127.0.0.1', DOCUMENTED);
    client.on('error', () => {});
    clients.push(client);
    let counting!: () => void;
    const counted = new Promise<void>((resolve) => (counting = resolve));
    const url = await mount({
      rateLimit: {
        limiter: new RateLimiterRedis({ storeClient: client, points: 5, duration: 60, keyPrefix: 'early' }),
        // Called just before the count is asked of Redis.
        key: () => (counting(), 'early-client'),
      },
    });
    const answer = rawRequest(url);
    await counted;
    expect(client.status).not.toBe('ready');
    open = true;
    for (const socket of held.splice(0)) pass(socket);
    const response = await answer;
    expect(response.status, response.text).toBe(200);
    expect(response.headers['x-ratelimit-remaining']).toBe('4');
  });

  it('answers 503 (and logs why) when the store cannot be reached, handing out no token', async () => {
    const url = await instance('down', 100);
    expect((await rawRequest(url)).status).toBe(200);
    await redis.stop();
    await new Promise<void>((resolve) => {
      const check = () => (clients.at(-1)!.status === 'ready' ? setTimeout(check, 20) : resolve());
      check();
    });
    logged.length = 0;
    const refused = await rawRequest(url);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.json.title).toBe('Upload tokens cannot be handed out right now.');
    expect(logged.some((line) => line.includes("the rate limit's store failed"))).toBe(true);
    expect(await emulatorTokens(emulatorUrl)).toHaveLength(1);
  });
});
