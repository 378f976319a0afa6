import { describe, expect, it } from 'vitest';
import { decodeHlc, encodeHlc, HybridLogicalClock, nodeFromDeviceId } from '../../../db/sync/hlc';

const NODE_A = '00000000000000aa';
const NODE_B = '00000000000000bb';

describe('hybrid logical clock', () => {
  it('issues strictly increasing stamps when the wall clock stands still', () => {
    const clock = new HybridLogicalClock(NODE_A, () => 1000);
    const stamps = Array.from({ length: 100 }, () => clock.now());
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(100);
  });

  it('keeps increasing when the wall clock goes backwards', () => {
    let wall = 5000;
    const clock = new HybridLogicalClock(NODE_A, () => wall);
    const before = clock.now();
    wall = 1000;
    const after = clock.now();
    expect(after > before).toBe(true);
    expect(decodeHlc(after).ms).toBe(5000);
  });

  it('resumes after a restart from the last stamp, even with the wall clock set back', () => {
    const first = new HybridLogicalClock(NODE_A, () => 9000);
    const last = first.now();
    const restarted = new HybridLogicalClock(NODE_A, () => 100);
    restarted.restore(last);
    expect(restarted.now() > last).toBe(true);
  });

  it('orders a local stamp after a remote one it has seen', () => {
    const a = new HybridLogicalClock(NODE_A, () => 1000);
    const b = new HybridLogicalClock(NODE_B, () => 50_000);
    const remote = b.now();
    a.receive(remote);
    expect(a.now() > remote).toBe(true);
  });

  it('breaks ties between devices by node id, so stamps are unique across sites', () => {
    const a = new HybridLogicalClock(NODE_A, () => 1000);
    const b = new HybridLogicalClock(NODE_B, () => 1000);
    const sa = a.now();
    const sb = b.now();
    expect(sa).not.toBe(sb);
    expect(sa < sb).toBe(true);
    expect(decodeHlc(sa).ms).toBe(decodeHlc(sb).ms);
  });

  it('stays unique across many devices and interleaved events', () => {
    const wall = { t: 0 };
    const clocks = ['01', '02', '03', '04'].map(
      (n) => new HybridLogicalClock(`00000000000000${n}`, () => wall.t),
    );
    const issued: string[] = [];
    for (let i = 0; i < 2000; i++) {
      if (i % 7 === 0) wall.t += 1;
      const c = clocks[i % clocks.length]!;
      if (i % 5 === 0) {
        const remote = clocks[(i + 1) % clocks.length]!.now();
        issued.push(remote);
        c.receive(remote);
      }
      issued.push(c.now());
    }
    expect(issued.length).toBe(2400);
    expect(new Set(issued).size).toBe(issued.length);
  });

  it('carries the counter over into the next millisecond instead of wrapping', () => {
    const clock = new HybridLogicalClock(NODE_A, () => 1);
    clock.restore(encodeHlc({ ms: 1, counter: 0xffff, node: NODE_A }));
    expect(decodeHlc(clock.now())).toEqual({ ms: 2, counter: 0, node: NODE_A });
  });

  it('refuses a remote clock far in the future', () => {
    const clock = new HybridLogicalClock(NODE_A, () => 1000, 60_000);
    expect(() => clock.receive(encodeHlc({ ms: 10_000_000, counter: 0, node: NODE_B }))).toThrow(/ahead/);
  });

  it('derives the node from the random tail of the device UUID', () => {
    expect(nodeFromDeviceId('0192f3a4-b5c6-7d8e-9f01-23456789abcd')).toBe('9f0123456789abcd');
    expect(() => nodeFromDeviceId('not-a-uuid')).toThrow();
  });
});
