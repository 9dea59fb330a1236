/** Articles for benchmarks: generated wire copy of a given size, and the shared corpus when it is there. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SUBJECTS = ['The carmaker', 'The lender', 'The chip designer', 'The property developer', 'The insurer', 'The retailer', 'The miner', 'The airline'];
const VERBS = ['said', 'reported', 'expected', 'announced', 'confirmed', 'estimated'];
const OBJECTS = [
  'that revenue rose {n}% in the quarter as demand held up in its main markets',
  'that it would spend {n} billion yuan on new capacity over the next three years',
  'that margins narrowed by {n} basis points because of higher input costs',
  'that deliveries reached {n},000 units, a record for the month',
  'that it had repurchased {n} million shares since the start of the year',
  'that orders from overseas customers grew by about {n}% from a year earlier',
];

/** A deterministic pseudo-random sequence, so every run measures the same text. */
function sequence(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

function sentence(next: () => number, id: string): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)]!;
  return `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS).replace('{n}', String(2 + Math.floor(next() * 90)))}, according to filing ${id}.`;
}

/** A Markdown article of about `bytes` bytes: title, a duplicated lead, body, a related block; each seed its own. */
export function markdownArticle(bytes: number, seed = 1): string {
  const next = sequence(seed);
  const parts = [`# Harbour Group (0${1000 + (seed % 9000)}) lifts its outlook after a strong quarter`, ''];
  parts.push('Harbour Group raised its full-year outlook after a strong quarter in its shipping and logistics arms.', '');
  parts.push('According to a filing, Harbour Group (01234) raised its full-year outlook on Monday after a strong quarter in its shipping and logistics arms, with revenue up 14%.', '');
  let i = 0;
  let size = parts.join('\n').length;
  const tail = ['## Related News', '', '- [Shipping rates climb again](/n/1)', '- [Port volumes at a record](/n/2)', '', 'Share to: WeChat | Weibo | Copy link', ''].join('\n');
  while (size + tail.length < bytes) {
    const paragraph = Array.from({ length: 3 }, () => sentence(next, `${seed}-${i++}`)).join(' ');
    parts.push(paragraph, '');
    size += paragraph.length + 2;
  }
  return `${parts.join('\n')}${tail}`;
}

/** The shared corpus's Markdown articles, when ../shared is there (run from the project's root). */
export function corpusMarkdown(): string[] {
  const dir = join(process.cwd(), '..', 'shared', 'corpus', 'dev');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((d) => join(dir, d, 'input.md'))
    .filter(existsSync)
    .map((f) => readFileSync(f, 'utf8'));
}
