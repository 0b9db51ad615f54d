// The page's edits of the video the handler made for it (the `metadata` option): the capability that comes with the
// token, PATCH on the token URL, and every refusal, against the emulator over real HTTP, in both front doors.
import { describe, expect, it } from 'vitest';
import { createUploadTokenFetchHandler, createUploadTokenHandler, type VideoEditOptions } from '../../src/server/index.js';
import { API_KEY, API_KEY_BASIC, rawRequest, type RawResponse } from './token-handler.support.js';
import { emulatorUrl, expectKeyNeverSent, logged, mount, useEmulator } from './token-handler.setup.js';

useEmulator();

const SECRET = 'a-site-secret-of-at-least-32-characters';
const METADATA: VideoEditOptions = { secret: SECRET };
const JSON_TYPE = { 'Content-Type': 'application/json' };

const post = (url: string, body: object = { fileName: 'trip.mp4', fileSize: 10, fileType: 'video/mp4' }, headers: Record<string, string> = {}) =>
  rawRequest(url, { body: JSON.stringify(body), headers: { ...JSON_TYPE, ...headers } });

const patch = (url: string, body: object | string, headers: Record<string, string> = {}) =>
  rawRequest(url, { method: 'PATCH', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { ...JSON_TYPE, ...headers } });

/** A token, its video and the capability to edit it, from a handler at `url`. */
async function grant(url: string): Promise<{ videoId: string; capability: string }> {
  const response = await post(url);
  expect(response.status).toBe(200);
  return { videoId: response.json.videoId, capability: response.json.capability };
}

interface StoredVideo {
  title: string;
  description: string;
  tags: string[];
  public: boolean;
  thumbnailTimecode: string | null;
}

/** The video as api.video holds it, and the frame the emulator says was picked for its thumbnail. */
async function stored(videoId: string): Promise<StoredVideo> {
  const api = await fetch(`${emulatorUrl}/videos/${videoId}`, { headers: { Authorization: `Basic ${API_KEY_BASIC}` } });
  const video = (await api.json()) as StoredVideo;
  const report = (await (await fetch(`${emulatorUrl}/__emulator/videos/${videoId}`)).json()) as { thumbnailTimecode: string | null };
  return { title: video.title, description: video.description, tags: video.tags, public: video.public, thumbnailTimecode: report.thumbnailTimecode };
}

const UNTOUCHED: StoredVideo = { title: 'trip.mp4', description: '', tags: [], public: true, thumbnailTimecode: null };

function expectProblem(response: RawResponse, status: number, code: string, field?: string): void {
  expect(response.status, response.text).toBe(status);
  expect(response.headers['content-type']).toBe('application/problem+json');
  expect(response.json).toMatchObject({ status, code, title: expect.any(String), detail: expect.any(String), ...(field ? { field } : {}) });
}

describe('createUploadTokenHandler with metadata: start-up', () => {
  const base = { apiKey: API_KEY, baseUri: 'http://127.0.0.1:8787', createVideo: true };

  it('refuses options that cannot work, saying what to write', () => {
    expect(() => createUploadTokenHandler({ ...base, metadata: { secret: 'short' } })).toThrow(/at least 32 characters.*randomBytes/);
    expect(() => createUploadTokenHandler({ ...base, metadata: {} as never })).toThrow(/metadata\.secret/);
    expect(() => createUploadTokenHandler({ ...base, metadata: { secret: SECRET, fields: ['title', 'thumbnail' as never] } })).toThrow(
      /"thumbnail".*title, description, tags, metadata, public, playerId, language/,
    );
    expect(() => createUploadTokenHandler({ ...base, metadata: { secret: SECRET, fields: 'title' as never } })).toThrow(/list of field names/);
    expect(() => createUploadTokenHandler({ ...base, createVideo: false, metadata: METADATA })).toThrow(/createVideo: true/);
    expect(() => createUploadTokenHandler({ apiKey: API_KEY, baseUri: base.baseUri, metadata: METADATA })).toThrow(/turn on createVideo/);
    expect(() => createUploadTokenHandler({ ...base, metadata: { secret: SECRET, capabilityTtl: 0 } })).toThrow(/capabilityTtl/);
    expect(() => createUploadTokenHandler({ ...base, metadata: { secret: SECRET, capabilityTtl: 1.5 } })).toThrow(/capabilityTtl/);
    expect(() => createUploadTokenHandler({ ...base, metadata: { secret: SECRET, thumbnail: 'yes' as never } })).toThrow(/thumbnail must be true or false/);
    expect(() => createUploadTokenHandler({ ...base, metadata: { secret: SECRET, fields: [], thumbnail: false } })).toThrow(/change nothing/);
    expect(() => createUploadTokenFetchHandler({ ...base, metadata: 'on' as never })).toThrow(/metadata must be an object/);
  });
});

describe('createUploadTokenHandler with metadata: the capability', () => {
  it('comes with the token of a video the handler made, and only then', async () => {
    const url = await mount({ createVideo: true, metadata: METADATA });
    const made = await post(url);
    expect(Object.keys(made.json).sort()).toEqual(['capability', 'createdAt', 'expiresAt', 'token', 'ttl', 'videoId']);
    const [version, expires, mac] = made.json.capability.split('.');
    expect(version).toBe('v1');
    expect(Math.abs(Number(expires) - (Date.now() / 1000 + 86_400))).toBeLessThan(60);
    expect(mac).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(made.json.capability).not.toContain(made.json.videoId);

    // A renewal mid-upload names its video: the page never gets a capability for a video it names itself.
    const renewed = await post(url, { fileName: 'trip.mp4', videoId: made.json.videoId });
    expect(renewed.status).toBe(200);
    expect(renewed.json.videoId).toBe(made.json.videoId);
    expect(renewed.json).not.toHaveProperty('capability');

    // Without metadata, no capability and no PATCH.
    const plain = await mount({ createVideo: true });
    const token = await post(plain);
    expect(token.json).not.toHaveProperty('capability');
    const refused = await patch(plain, { videoId: token.json.videoId, capability: made.json.capability, video: { title: 'x' } });
    expect(refused.status).toBe(405);
    expect(refused.headers.allow).toBe('POST, OPTIONS');
    expect(refused.json.detail).toMatch(/no metadata option/);
  });

  it('is accepted by another instance holding the same secret (a backend restarted mid-upload), not by one with another', async () => {
    const first = await mount({ createVideo: true, metadata: METADATA });
    const { videoId, capability } = await grant(first);
    const restarted = await mount({ createVideo: true, metadata: { secret: SECRET } });
    const edited = await patch(restarted, { videoId, capability, video: { title: 'After the restart' } });
    expect(edited.status, edited.text).toBe(200);
    expect((await stored(videoId)).title).toBe('After the restart');

    const other = await mount({ createVideo: true, metadata: { secret: `${SECRET}-rotated` } });
    expectProblem(await patch(other, { videoId, capability, video: { title: 'Elsewhere' } }), 403, 'capability-invalid');
    expect((await stored(videoId)).title).toBe('After the restart');
  });
});

describe('createUploadTokenHandler with metadata: an edit', () => {
  it('sets the title, description and tags, and picks the thumbnail, answering the video as api.video holds it', async () => {
    const url = await mount({ createVideo: true, metadata: METADATA });
    const { videoId, capability } = await grant(url);
    const edited = await patch(url, {
      videoId,
      capability,
      video: { title: '  Our trip to Lisbon  ', description: 'Three days, 🚋 and 🐟.', tags: [' travel ', 'lisbon'] },
      thumbnailTimecode: '00:00:05.000',
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.headers['content-type']).toBe('application/json');
    expect(edited.headers['cache-control']).toBe('no-store');
    expect(edited.json).toEqual({
      videoId,
      video: { title: 'Our trip to Lisbon', description: 'Three days, 🚋 and 🐟.', tags: ['travel', 'lisbon'] },
      thumbnailTimecode: '00:00:05.000',
    });
    expect(await stored(videoId)).toEqual({ ...UNTOUCHED, ...edited.json.video, thumbnailTimecode: '00:00:05.000' });

    // One thing at a time, too: the other fields stay as they are.
    const thumbnailOnly = await patch(url, { videoId, capability, thumbnailTimecode: '00:01:02.50' });
    expect(thumbnailOnly.json).toEqual({ videoId, video: edited.json.video, thumbnailTimecode: '00:01:02.50' });
    const tagsOnly = await patch(url, { videoId, capability, video: { tags: [] } });
    expect(tagsOnly.json).toEqual({ videoId, video: { ...edited.json.video, tags: [] } });
    expect(await stored(videoId)).toMatchObject({ title: 'Our trip to Lisbon', tags: [], thumbnailTimecode: '00:01:02.50' });
  });

  it('refuses a capability missing, malformed, forged, for another video or expired with 403, and changes nothing', async () => {
    let clock = Date.UTC(2026, 0, 15, 10, 0, 0);
    const url = await mount({ createVideo: true, metadata: { secret: SECRET, capabilityTtl: 600, now: () => clock } });
    const mine = await grant(url);
    const other = await grant(url);
    const [version, expires, mac] = mine.capability.split('.') as [string, string, string];
    const flipped = `${mac.slice(0, 10)}${mac[10] === 'A' ? 'B' : 'A'}${mac.slice(11)}`;
    const cases: [unknown, string][] = [
      [undefined, 'capability-missing'],
      ['', 'capability-missing'],
      [null, 'capability-missing'],
      ['garbage', 'capability-invalid'],
      [42, 'capability-invalid'],
      [`${version}.${expires}.${flipped}`, 'capability-invalid'],
      // A later expiry written over a genuine MAC: the MAC covers the expiry.
      [`${version}.${Number(expires) + 86_400}.${mac}`, 'capability-invalid'],
      [`v2.${expires}.${mac}`, 'capability-invalid'],
      [other.capability, 'capability-invalid'],
    ];
    for (const [capability, code] of cases) {
      const response = await patch(url, { videoId: mine.videoId, capability, video: { title: 'Taken over' } });
      expectProblem(response, 403, code);
    }
    // Expired: ten minutes on, by the handler's own clock; only a genuine capability is ever called expired.
    clock += 600_000;
    const expired = await patch(url, { videoId: mine.videoId, capability: mine.capability, video: { title: 'Too late' } });
    expectProblem(expired, 403, 'capability-expired');
    expect(expired.json.title).toMatch(/run out/);
    expectProblem(await patch(url, { videoId: mine.videoId, capability: other.capability, video: { title: 'x' } }), 403, 'capability-invalid');
    clock -= 1_000;
    expect((await patch(url, { videoId: mine.videoId, capability: mine.capability, thumbnailTimecode: '00:00:01.00' })).status).toBe(200);

    expect(await stored(other.videoId)).toEqual(UNTOUCHED);
    expect(await stored(mine.videoId)).toEqual({ ...UNTOUCHED, thumbnailTimecode: '00:00:01.00' });
  });

  it('refuses a field off the allow-list, or of the wrong type or size, with a 400 naming it, and sends nothing', async () => {
    const url = await mount({ createVideo: true, metadata: METADATA });
    const { videoId, capability } = await grant(url);
    const edit = (fields: object) => patch(url, { videoId, capability, ...fields });
    const notAllowed: [object, string][] = [
      [{ video: { title: 'Mine', public: false } }, 'public'],
      [{ video: { playerId: 'pl45KFKdlddgk654dspkze' } }, 'playerId'],
      [{ video: { metadata: [{ key: 'a', value: 'b' }] } }, 'metadata'],
      [{ video: { panoramic: true } }, 'panoramic'],
      [{ title: 'At the top level' }, 'title'],
    ];
    for (const [body, field] of notAllowed) {
      const response = await edit(body);
      expectProblem(response, 400, 'field-not-allowed', field);
      expect(response.json.detail).toContain('title, description, tags, thumbnailTimecode');
    }
    const invalid: [object, string][] = [
      [{ video: { title: '   ' } }, 'title'],
      [{ video: { title: 'x'.repeat(256) } }, 'title'],
      [{ video: { title: 42 } }, 'title'],
      [{ video: { description: 'x'.repeat(5001) } }, 'description'],
      [{ video: { description: null } }, 'description'],
      [{ video: { tags: Array.from({ length: 51 }, (_, i) => `t${i}`) } }, 'tags'],
      [{ video: { tags: ['ok', ''] } }, 'tags'],
      [{ video: { tags: ['x'.repeat(256)] } }, 'tags'],
      [{ video: { tags: 'travel' } }, 'tags'],
      [{ video: ['title'] }, 'video'],
      [{ video: 'My trip' }, 'video'],
      [{ thumbnailTimecode: '5s' }, 'thumbnailTimecode'],
      [{ thumbnailTimecode: '00:00:61' }, 'thumbnailTimecode'],
      [{ thumbnailTimecode: 5 }, 'thumbnailTimecode'],
      // A valid title does not carry an invalid field through.
      [{ video: { title: 'Fine', tags: [1] }, thumbnailTimecode: '00:00:01.00' }, 'tags'],
    ];
    for (const [body, field] of invalid) expectProblem(await edit(body), 400, 'field-invalid', field);
    expectProblem(await patch(url, { capability, video: { title: 'x' } }), 400, 'field-invalid', 'videoId');
    expectProblem(await patch(url, { videoId: 'vi../../upload-tokens', capability, video: { title: 'x' } }), 400, 'field-invalid', 'videoId');
    for (const body of [{}, { video: {} }]) expectProblem(await edit(body), 400, 'edit-empty');
    // The longest of each is fine: 255 characters of emoji are 255 characters.
    const longest = await edit({ video: { title: '🎬'.repeat(255), description: 'é'.repeat(5000), tags: Array.from({ length: 50 }, () => 't'.repeat(255)) } });
    expect(longest.status, longest.text).toBe(200);
    expect(longest.json.video.title).toBe('🎬'.repeat(255));
    await edit({ video: { title: 'trip.mp4', description: '', tags: [] } });
    expect(await stored(videoId)).toEqual(UNTOUCHED);
  });

  it('lets the page set what the site lists, and nothing else: public and language when listed, no thumbnail when off', async () => {
    const url = await mount({ createVideo: true, metadata: { secret: SECRET, fields: ['title', 'public', 'language', 'metadata'], thumbnail: false } });
    const { videoId, capability } = await grant(url);
    const edited = await patch(url, { videoId, capability, video: { public: false, language: 'fr', metadata: [{ key: ' author ', value: 'Ann' }] } });
    expect(edited.status, edited.text).toBe(200);
    expect(await stored(videoId)).toMatchObject({ public: false });
    const api = await fetch(`${emulatorUrl}/videos/${videoId}`, { headers: { Authorization: `Basic ${API_KEY_BASIC}` } });
    expect(await api.json()).toMatchObject({ language: 'fr', metadata: [{ key: 'author', value: 'Ann' }] });
    expectProblem(await patch(url, { videoId, capability, video: { language: 'xx' } }), 400, 'field-invalid', 'language');
    expectProblem(await patch(url, { videoId, capability, video: { public: 'no' } }), 400, 'field-invalid', 'public');
    for (const metadata of [[{ key: '', value: 'x' }], [{ key: 'a', value: 'b', extra: 1 }], [{ key: 'a', value: 7 }], ['a=b'], { key: 'a', value: 'b' }]) {
      expectProblem(await patch(url, { videoId, capability, video: { metadata } }), 400, 'field-invalid', 'metadata');
    }
    expectProblem(await patch(url, { videoId, capability, video: { description: 'Not listed' } }), 400, 'field-not-allowed', 'description');
    const thumbnail = await patch(url, { videoId, capability, thumbnailTimecode: '00:00:01.00' });
    expectProblem(thumbnail, 400, 'field-not-allowed', 'thumbnailTimecode');
    expect(thumbnail.json.title).toBe("This video's thumbnail cannot be changed from the page.");
    expect(await stored(videoId)).toMatchObject({ description: '', thumbnailTimecode: null });
  });

  it('answers garbage with a 4xx in words, and keeps serving', async () => {
    const url = await mount({ createVideo: true, metadata: METADATA });
    const { videoId, capability } = await grant(url);
    const cases: [string, Record<string, string>, number, RegExp][] = [
      ['{"videoId": ', JSON_TYPE, 400, /not valid JSON/],
      ['[1,2]', JSON_TYPE, 400, /JSON object/],
      ['"title"', JSON_TYPE, 400, /JSON object/],
      ['\u0000\u00ff', JSON_TYPE, 400, /not valid JSON/],
      ['title=x', { 'Content-Type': 'application/x-www-form-urlencoded' }, 415, /must be JSON/],
      [JSON.stringify({ videoId, capability, video: { description: 'x'.repeat(70_000) } }), JSON_TYPE, 413, /too large/],
    ];
    for (const [body, headers, status, title] of cases) {
      const response = await patch(url, body, headers);
      expect(response.status, body.slice(0, 20)).toBe(status);
      expect(response.headers['content-type']).toBe('application/problem+json');
      expect(response.json.title).toMatch(title);
    }
    // No body at all: an edit of nothing, without a capability.
    expectProblem(await rawRequest(url, { method: 'PATCH' }), 403, 'capability-missing');
    expect((await patch(url, { videoId, capability, video: { title: 'Still here' } })).status).toBe(200);
  });

  it('says when api.video refuses the edit: the video deleted meanwhile is a 502 naming its status', async () => {
    const url = await mount({ createVideo: true, metadata: METADATA });
    const { videoId, capability } = await grant(url);
    await fetch(`${emulatorUrl}/videos/${videoId}`, { method: 'DELETE', headers: { Authorization: `Basic ${API_KEY_BASIC}` } });
    logged.length = 0;
    const response = await patch(url, { videoId, capability, video: { title: 'Gone' } });
    expect(response.status).toBe(502);
    expect(response.json).toMatchObject({ upstreamStatus: 404, detail: 'api.video refused to change the video (HTTP 404).' });
    expect(logged.join('\n')).toMatch(/refused to change the video: HTTP 404/);
  });
});

describe('createUploadTokenHandler with metadata: who may edit', () => {
  it("answers a preflight with PATCH among the methods, and refuses another site's page with 403 before reading anything", async () => {
    const url = await mount({ createVideo: true, metadata: METADATA, allowedOrigins: ['https://app.example.com'] });
    const preflight = await rawRequest(url, {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'PATCH', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toBe('POST, PATCH, OPTIONS');
    expect(preflight.headers.allow).toBe('POST, PATCH, OPTIONS');
    const { videoId, capability } = await grant(url);
    const listed = await patch(url, { videoId, capability, video: { title: 'From the app' } }, { Origin: 'https://app.example.com' });
    expect(listed.status).toBe(200);
    expect(listed.headers['access-control-allow-origin']).toBe('https://app.example.com');
    const foreign = await patch(url, { videoId, capability, video: { title: 'From elsewhere' } }, { Origin: 'https://evil.example.net' });
    expectProblem(foreign, 403, 'origin-not-allowed');
    expect((await stored(videoId)).title).toBe('From the app');
  });

  it('counts edits against the same rate limit as tokens, and asks authorize() as well', async () => {
    const url = await mount({ createVideo: true, metadata: METADATA, rateLimit: 3 });
    const { videoId, capability } = await grant(url);
    expect((await patch(url, { videoId, capability, video: { title: 'One' } })).headers['x-ratelimit-remaining']).toBe('1');
    expect((await patch(url, { videoId, capability, video: { title: 'Two' } })).status).toBe(200);
    const over = await patch(url, { videoId, capability, video: { title: 'Three' } });
    expect(over.status).toBe(429);
    expect(over.headers['retry-after']).toMatch(/^\d+$/);
    expect((await stored(videoId)).title).toBe('Two');

    let signedIn = true;
    const guarded = await mount({ createVideo: true, metadata: METADATA, authorize: () => signedIn });
    const granted = await grant(guarded);
    signedIn = false;
    const refused = await patch(guarded, { ...granted, video: { title: 'Signed out' } });
    expect(refused.status).toBe(401);
    expect((await stored(granted.videoId)).title).toBe('trip.mp4');
  });
});

describe('createUploadTokenFetchHandler with metadata', () => {
  const SITE = 'https://www.example.com';
  const handler = (metadata: VideoEditOptions = METADATA) =>
    createUploadTokenFetchHandler({ apiKey: API_KEY, baseUri: emulatorUrl, createVideo: true, metadata, logger: { error: (line) => logged.push(line) } });
  const request = (method: string, body: object) =>
    new Request(`${SITE}/api/upload-token`, { method, headers: { Host: 'www.example.com', ...JSON_TYPE }, body: JSON.stringify(body) });

  it('hands out the capability with the token and takes the edit on PATCH, as the Node handler does', async () => {
    const tokens = handler();
    const { videoId, capability } = (await (await tokens(request('POST', { fileName: 'trip.mp4' }))).json()) as { videoId: string; capability: string };
    expect(capability).toMatch(/^v1\.\d+\.[\w-]{43}$/);
    const token = { videoId, capability };
    const edited = await tokens(request('PATCH', { ...token, video: { title: 'From the edge', tags: ['edge'] }, thumbnailTimecode: '00:00:02.00' }));
    expect(edited.status).toBe(200);
    expect(await edited.json()).toEqual({
      videoId: token.videoId,
      video: { title: 'From the edge', description: '', tags: ['edge'] },
      thumbnailTimecode: '00:00:02.00',
    });
    const forged = await tokens(request('PATCH', { videoId: token.videoId, capability: token.capability.replace(/\.\d+\./, '.1.'), video: { title: 'x' } }));
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { code: string }).code).toBe('capability-invalid');
    const notAllowed = await tokens(request('PATCH', { ...token, video: { public: false } }));
    expect(((await notAllowed.json()) as { code: string; field: string })).toMatchObject({ code: 'field-not-allowed', field: 'public' });
    expect(await stored(token.videoId)).toEqual({ ...UNTOUCHED, title: 'From the edge', tags: ['edge'], thumbnailTimecode: '00:00:02.00' });
  });

  it('accepts a capability the Node handler signed with the same secret', async () => {
    const node = await mount({ createVideo: true, metadata: METADATA });
    const token = await grant(node);
    const edited = await handler()(request('PATCH', { ...token, video: { description: 'Signed in Node, checked at the edge' } }));
    expect(edited.status).toBe(200);
    expect((await stored(token.videoId)).description).toBe('Signed in Node, checked at the edge');
  });
});

describe('the API key', () => {
  it('is absent from every response in this file and from every log line', () => {
    expectKeyNeverSent(40);
  });
});
