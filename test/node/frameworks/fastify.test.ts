// The Node handler in Fastify, as docs/backend.md shows it: one route for POST, PATCH and OPTIONS (Fastify answers no preflight
// by itself), the reply hijacked so the handler writes it, and the body Fastify has already parsed handed over.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUploadTokenHandler, type UploadTokenHandlerOptions } from '../../../src/server/index.js';
import { API_KEY, EDIT_SECRET, expectEditThrough, expectOneVideoDespiteLostAnswer, resetEmulator, uploadThrough, useRig } from './support.js';

const rig = useRig();
let site: FastifyInstance | undefined;

beforeEach(() => resetEmulator(rig));
afterEach(() => site?.close());

async function fastifySite(options: UploadTokenHandlerOptions): Promise<string> {
  const uploadToken = createUploadTokenHandler({ apiKey: API_KEY, baseUri: rig.emulatorUrl, allowedOrigins: [rig.pageOrigin], ...options });
  site = Fastify();
  site.route({
    method: ['POST', 'PATCH', 'OPTIONS'],
    url: '/api/upload-token',
    handler: (request, reply) => {
      reply.hijack();
      uploadToken(Object.assign(request.raw, { body: request.body }), reply.raw);
    },
  });
  const address = await site.listen({ port: 0, host: '127.0.0.1' });
  return `${address}/api/upload-token`;
}

describe('the token handler in Fastify', () => {
  it('serves tokens to the element on a page of another origin, and the upload completes', async () => {
    const tokenUrl = await fastifySite({ ttl: 900 });
    const direct = await fetch(tokenUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"ttl":60}' });
    // The ttl asked for arrives through the body Fastify parsed.
    expect(((await direct.json()) as { ttl: number }).ttl).toBe(60);
    const { errors } = await uploadThrough(rig, tokenUrl);
    expect(errors).toEqual([]);
  });

  it('with createVideo, leaves exactly one video when the answer to part 1 is lost', async () => {
    const tokenUrl = await fastifySite({ createVideo: true });
    await expectOneVideoDespiteLostAnswer(rig, tokenUrl, 'fastify.mp4');
  });

  it("with metadata, takes the page's edit of its video on PATCH, with the body Fastify parsed", async () => {
    await expectEditThrough(rig, await fastifySite({ createVideo: true, metadata: { secret: EDIT_SECRET } }));
  });
});
