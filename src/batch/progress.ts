/**
 * Progress: a bar with counts, rate and ETA on a terminal (cli-progress); on a
 * pipe or in CI nothing, or with `--progress` a plain line every few seconds.
 * Done is measured as a share of the work: each article file counts one, each
 * export counts by the bytes read of it. When every input is an article file
 * the total is known, and the count shows as done/total.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  /** Prints text above the bar (or plainly). */
  log(text: string): void;
  /** `total`: articles in the run, when known (no export among the inputs). */
  update(fraction: number, articles: number, rate: number, total?: number): void;
  stop(): void;
}

export function createProgress(mode: 'bar' | 'lines' | 'none', stream: NodeJS.WriteStream = process.stderr): Progress {
  if (mode === 'bar') return new Bar(stream);
  if (mode === 'lines') return new Lines(stream);
  return { log: (text) => stream.write(text), update: () => {}, stop: () => {} };
}

/** `bar` on a terminal (not in CI), `lines` when asked for, else nothing. */
export function progressMode(option: boolean | undefined, stream: NodeJS.WriteStream = process.stderr): 'bar' | 'lines' | 'none' {
  const terminal = Boolean(stream.isTTY) && !process.env.CI;
  if (option === false) return 'none';
  if (terminal) return 'bar';
  return option ? 'lines' : 'none';
}

const SCALE = 1000;

class Bar implements Progress {
  private readonly multi: cliProgress.MultiBar;
  private readonly bar: cliProgress.SingleBar;

  constructor(stream: NodeJS.WriteStream) {
    this.multi = new cliProgress.MultiBar(
      {
        stream,
        format: ' {bar} {percentage}% | {count} articles | {rate} articles/s | ETA {eta_formatted}',
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar = this.multi.create(SCALE, 0, { count: '0', rate: '0' });
  }

  log(text: string): void {
    this.multi.log(text.endsWith('\n') ? text : `${text}\n`);
  }

  update(fraction: number, articles: number, rate: number, total?: number): void {
    this.bar.update(Math.min(SCALE, Math.round(fraction * SCALE)), { count: countOf(articles, total), rate: rate.toFixed(1) });
  }

  stop(): void {
    this.multi.stop();
  }
}

class Lines implements Progress {
  private last = -Infinity;
  private unsaid: string | undefined;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  log(text: string): void {
    this.stream.write(text);
  }

  update(fraction: number, articles: number, rate: number, total?: number): void {
    this.unsaid = `copydesk: ${(fraction * 100).toFixed(1)}% | ${countOf(articles, total)} articles | ${rate.toFixed(1)} articles/s\n`;
    const now = performance.now();
    if (now - this.last < 2000) return;
    this.last = now;
    this.stream.write(this.unsaid);
    this.unsaid = undefined;
  }

  /** The last state, if it was not printed yet. */
  stop(): void {
    if (this.unsaid) this.stream.write(this.unsaid);
  }
}

/** `12/40` when the total is known, else `12`. */
export function countOf(done: number, total: number | undefined): string {
  return total === undefined ? String(done) : `${done}/${total}`;
}
