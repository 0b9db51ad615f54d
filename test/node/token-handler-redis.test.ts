// A rate limit shared by several instances of a site: two token handlers, on two servers as behind a load balancer,
// count one client against one budget held in a real Redis server, through rate-limiter-flexible's RateLimiterRedis.
import { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { emulatorTokens, rawRequest } from './token-handler.support.js';
import { emulatorUrl, logged, mount, useEmulator } from './token-handler.setup.js';

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

/** One instance of the site: its own Redis connection, the limiter every instance builds the same way. */
async function instance(keyPrefix: string, points = 3): Promise<string> {
  // No offline queue: with Redis gone, a count fails at once instead of waiting for a reconnection.
  const client = new Redis(redis.port, '127.0.0.1', { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
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
