// A newsroom's office line between the browser and a preview: a TCP proxy on 127.0.0.1 that carries
// every connection over one shared link of `mbps` (a token bucket per direction, first come first
// served, as a router's queue) with `latencyMs` of round trip (half each way, plus one round trip
// for each new connection's handshake).
//
// Why not Chromium's own emulation (CDP Network.emulateNetworkConditions): with the app's ~130 early
// font pieces it stalled a second context's load for minutes (BENCHMARKS.md, "After session 8"),
// and it throttles each request rather than one link that all connections share. Why not the
// kernel (`tc … tbf` on lo): it needs root and shapes every process on the machine. Why
// hand-written: the npm packages that come near are one half each (node-tcp-proxy, tcp-proxy.js:
// plain proxies; throttle: one stream's rate; stream-throttle: a rate shared by streams, in
// 512-byte timer steps) and none adds latency; the line itself (Line below) is a dozen lines.
//
// Standalone, for checking it by hand:
//   npx tsx bench/office-link.ts --to http://127.0.0.1:4620/ --port 4621 [--mbps 20] [--latency 20] [--burst 0]
import { createServer, connect, type Server, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

/** A link of this many Mbit/s down (and up) with this round-trip latency; `burstBytes` a bucket's depth (0: the line's own rate from the first byte). */
export interface Link {
  mbps: number;
  latencyMs: number;
  burstBytes?: number;
}

export interface OfficeLink {
  /** The target's URL with the proxy's host and port (the same scheme: TLS passes through untouched). */
  url: string;
  /** Shape from now on (also connections already open); `null`: pass bytes through as they come. */
  shape(link: Link | null): void;
  /** Bytes carried down (server → browser) since the proxy started. */
  bytesDown(): number;
  close(): Promise<void>;
}

/** Slices the queue is served in, so connections interleave on the line as packets would. */
const SLICE = 16 * 1024;
/** Bytes one connection may have waiting for the line before its server side is paused: a TCP window, so one big response does not hold the line for all the others. */
const WINDOW = 64 * 1024;

/** One direction of the line: a token bucket served in arrival order. Times in ms (performance.now). */
class Line {
  private freeAt = 0;
  private tokens = 0;
  private filledAt = 0;
  /** When a slice of `n` bytes arriving `now` has gone through the line. */
  pass(n: number, now: number, link: Link): number {
    const bytesPerMs = (link.mbps * 1e6) / 8 / 1000;
    const burst = link.burstBytes ?? 0;
    const start = Math.max(now, this.freeAt);
    this.tokens = Math.min(burst, this.tokens + (start - this.filledAt) * bytesPerMs);
    const done = this.tokens >= n ? start : start + (n - this.tokens) / bytesPerMs;
    this.tokens = Math.max(0, this.tokens - n);
    this.filledAt = done;
    this.freeAt = done;
    return done;
  }
}

/** Bytes for one socket, each delivered at its time, in order. */
class Delivery {
  private queue: { at: number; data: Buffer }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private ending = false;
  pending = 0;
  constructor(
    private readonly to: Socket,
    private readonly drained: () => void,
  ) {}
  push(at: number, data: Buffer): void {
    this.queue.push({ at, data });
    this.pending += data.length;
    this.arm();
  }
  /** End the socket once everything queued has been delivered. */
  end(): void {
    this.ending = true;
    this.arm();
  }
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.queue = [];
  }
  private arm(): void {
    if (this.timer) return;
    const next = this.queue[0];
    if (!next) {
      if (this.ending && !this.to.destroyed) this.to.end();
      return;
    }
    this.timer = setTimeout(() => this.flush(), Math.max(0, next.at - performance.now()));
  }
  private flush(): void {
    this.timer = null;
    const now = performance.now();
    // setTimeout rounds to whole ms: deliver everything due by now (+0.5 ms) in one go.
    while (this.queue.length && this.queue[0].at <= now + 0.5) {
      const { data } = this.queue.shift()!;
      this.pending -= data.length;
      if (!this.to.destroyed) this.to.write(data);
    }
    this.drained();
    this.arm();
  }
}

export async function officeLink(target: string, port = 0): Promise<OfficeLink> {
  const t = new URL(target);
  const targetPort = Number(t.port || (t.protocol === 'https:' ? 443 : 80));
  let link: Link | null = null;
  const down = new Line();
  const up = new Line();
  let carried = 0;
  const sockets = new Set<Socket>();

  const server: Server = createServer((browser) => {
    const shaped = link;
    sockets.add(browser);
    browser.pause();
    const open = () => {
      const origin = connect(targetPort, t.hostname);
      sockets.add(origin);
      const toBrowser = new Delivery(browser, () => {
        if (toBrowser.pending < WINDOW && origin.isPaused()) origin.resume();
      });
      const toOrigin = new Delivery(origin, () => {
        if (toOrigin.pending < WINDOW && browser.isPaused()) browser.resume();
      });
      const carry = (data: Buffer, line: Line, delivery: Delivery, from: Socket, counted: boolean) => {
        if (counted) carried += data.length;
        const l = link;
        if (!l) return delivery.push(performance.now(), data);
        for (let i = 0; i < data.length; i += SLICE) {
          const slice = data.subarray(i, i + SLICE);
          delivery.push(line.pass(slice.length, performance.now(), l) + l.latencyMs / 2, slice);
        }
        if (delivery.pending >= WINDOW) from.pause();
      };
      origin.on('data', (d: Buffer) => carry(d, down, toBrowser, origin, true));
      browser.on('data', (d: Buffer) => carry(d, up, toOrigin, browser, false));
      origin.on('end', () => toBrowser.end());
      browser.on('end', () => toOrigin.end());
      const fail = () => {
        toBrowser.stop();
        toOrigin.stop();
        browser.destroy();
        origin.destroy();
      };
      origin.on('error', fail);
      browser.on('error', fail);
      origin.on('close', () => sockets.delete(origin));
      browser.on('close', () => sockets.delete(browser));
      origin.on('connect', () => browser.resume());
    };
    // A new connection costs a round trip (SYN, SYN-ACK) before the browser can send on it.
    if (shaped) setTimeout(open, shaped.latencyMs);
    else open();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(bound);
  return {
    url: url.toString(),
    shape: (l) => (link = l),
    bytesDown: () => carried,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

if (/(^|[\\/])office-link\.ts$/.test(process.argv[1] ?? '')) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const proxy = await officeLink(arg('--to', 'http://127.0.0.1:4173/'), Number(arg('--port', '0')));
  proxy.shape({ mbps: Number(arg('--mbps', '20')), latencyMs: Number(arg('--latency', '20')), burstBytes: Number(arg('--burst', '0')) });
  console.log(`${proxy.url} → ${arg('--to', 'http://127.0.0.1:4173/')}`);
}
