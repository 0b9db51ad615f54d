// The fetch handler in Hono on Node, as docs/backend.md shows it: one route for POST, PATCH and OPTIONS, the raw Request handed
// over with the client's address (which a Request alone does not carry) for the rate limit.
import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUploadTokenFetchHandler, type UploadTokenFetchHandlerOptions } from '../../../src/server/index.js';
import { API_KEY, EDIT_SECRET, expectEditThrough, expectOneVideoDespiteLostAnswer, resetEmulator, uploadThrough, useRig } from './support.js';

const rig = useRig();
let site: ServerType | undefined;

beforeEach(() => resetEmulator(rig));
afterEach(() => new Promise<void>((resolve) => (site ? site.close(() => resolve()) : resolve())));

async function honoSite(options: UploadTokenFetchHandlerOptions): Promise<string> {
  const uploadToken = createUploadTokenFetchHandler({ apiKey: API_KEY, baseUri: rig.emulatorUrl, allowedOrigins: [rig.pageOrigin], ...options });
  const app = new Hono();
  app.on(['POST', 'PATCH', 'OPTIONS'], '/api/upload-token', (c) => uploadToken(c.req.raw, { clientAddress: getConnInfo(c).remote.address }));
  const port = await new Promise<number>((resolve) => {
    site = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port));
  });
  return `http://127.0.0.1:${port}/api/upload-token`;
}

describe('the fetch token handler in Hono', () => {
  it('serves tokens to the element on a page of another origin, and counts the client by its address', async () => {
    const tokenUrl = await honoSite({ rateLimit: 5 });
    const { errors } = await uploadThrough(rig, tokenUrl);
    expect(errors).toEqual([]);
    const after = await fetch(tokenUrl, { method: 'POST' });
    expect(after.status).toBe(200);
    // The element asked once, this request once more: the client's own budget, not a shared one.
    expect(after.headers.get('x-ratelimit-remaining')).toBe('3');
  });

  it('with createVideo, leaves exactly one video when the answer to part 1 is lost', async () => {
    const tokenUrl = await honoSite({ createVideo: true });
    await expectOneVideoDespiteLostAnswer(rig, tokenUrl, 'hono.mp4');
  });

  it("with metadata, takes the page's edit of its video on PATCH", async () => {
    await expectEditThrough(rig, await honoSite({ createVideo: true, metadata: { secret: EDIT_SECRET } }));
  });
});
