// The Node handler in Express, as docs/backend.md shows it: mounted with app.use, so the CORS preflight of a page on
// another origin and the PATCH of an edit reach the handler (app.post would leave the preflight to Express, which
// answers it without CORS headers).
import express from 'express';
import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUploadTokenHandler, type UploadTokenHandlerOptions } from '../../../src/server/index.js';
import {
  API_KEY,
  EDIT_SECRET,
  closeServer,
  expectEditThrough,
  expectOneVideoDespiteLostAnswer,
  expectPreflightAllowed,
  listen,
  resetEmulator,
  uploadThrough,
  useRig,
} from './support.js';

const rig = useRig();
let site: Server | undefined;

beforeEach(() => resetEmulator(rig));
afterEach(() => closeServer(site));

async function expressSite(options: UploadTokenHandlerOptions): Promise<string> {
  const app = express();
  app.use(express.json());
  app.use('/api/upload-token', createUploadTokenHandler({ apiKey: API_KEY, baseUri: rig.emulatorUrl, allowedOrigins: [rig.pageOrigin], ...options }));
  site = createServer(app);
  return `${await listen(site)}/api/upload-token`;
}

describe('the token handler in Express', () => {
  it('serves tokens to the element on a page of another origin, preflight included, and the upload completes', async () => {
    const tokenUrl = await expressSite({});
    await expectPreflightAllowed(rig, tokenUrl);
    const { errors } = await uploadThrough(rig, tokenUrl);
    expect(errors).toEqual([]);
  });

  it('with createVideo, leaves exactly one video when the answer to part 1 is lost', async () => {
    const tokenUrl = await expressSite({ createVideo: true });
    await expectOneVideoDespiteLostAnswer(rig, tokenUrl, 'express.mp4');
  });

  it('with metadata, takes the page\'s edit of its video on PATCH, through app.use and express.json()', async () => {
    await expectEditThrough(rig, await expressSite({ createVideo: true, metadata: { secret: EDIT_SECRET } }));
  });
});
