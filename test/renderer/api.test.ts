import { describe, expect, it } from 'vitest';
import { bridgeApi } from '../../renderer/api';
import type { AppEvent } from '../../electron/shared/contract';

// The page's side of the bridge's event stream: frames split anywhere across chunks still arrive whole and
// in order; the stream is asked for like a call and closed when the last listener leaves.

const streamOf = (chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });

describe('bridge events in the page', () => {
  it('delivers each frame whole and in order, however the bytes were split, and closes when nobody listens', async () => {
    const events: AppEvent[] = [
      { type: 'progress', progress: { task: 'import', done: 5000, total: 12000 } },
      { type: 'progress', progress: { task: 'import', done: 10000, total: 12000 } },
      { type: 'progress', progress: null },
    ];
    const text = `: 帮扶台账\n\n${events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')}`;
    const cut = [7, 40, 41, 90, 150];
    const chunks = [0, ...cut].map((from, i) => text.slice(from, cut[i] ?? text.length));
    const asked: { url: string; init: RequestInit }[] = [];
    const api = bridgeApi(async (url, init) => {
      asked.push({ url, init });
      return new Response(streamOf(chunks), { headers: { 'content-type': 'text/event-stream' } });
    });
    const seen: AppEvent[] = [];
    const stop = api.onEvent((e) => seen.push(e));
    await expect.poll(() => seen.length).toBe(3);
    expect(seen).toEqual(events);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.url).toBe('/api/events');
    expect(asked[0]!.init).toMatchObject({
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-bangfu-bridge': '1' },
    });
    const signal = asked[0]!.init.signal!;
    expect(signal.aborted).toBe(false);
    stop();
    expect(signal.aborted).toBe(true);
  });
});
