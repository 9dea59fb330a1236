/**
 * Ticker notations as printed in the wild, read into one key per listing:
 * `(META.US)`, `(NASDAQ: META)`, `(US:META)`, `(NVDA.O)` → `US:META`; `(00700)`, `(0700.HK)`,
 * `(01810-HK)`, `(1810 HK)`, `(HK:9988)`, `(HKG: 9988)` → `HK:…` (five digits); `(300024.SZ)`,
 * `(600519.SH)`, `(600495 CH)`, `(002939.CN)` → `CN:…` (six digits); `(2330.TW)`,
 * `(6488.TWO)`, `(TPE: 2330)`, `(2330 TT)` → `TW:…`; `(005930.KS)`, `(035720.KQ)`,
 * `(KRX: 005930)`, `(005930 KS)` → `KR:…`; `(7203.T)`, `(TYO: 7203)`, `(7203 JP)` → `JP:…`.
 * Full-width brackets, as Chinese copy prints them, are read alike: `（00700.HK）`; so are trading
 * apps' prefixes (`(SH600519)`, `(HK.00700)`, `(US.PDD)`), a market spelled out (`(Shanghai: 600519)`),
 * data vendors' `.XSHG`/`.XSHE` and square brackets (`[03888]`).
 */

export type Market = 'US' | 'HK' | 'CN' | 'TW' | 'KR' | 'JP';

export interface TickerSpan {
  /** The parenthesis, both brackets included. */
  start: number;
  end: number;
  /** One key per listing named inside (`(TME US, 1689 HK)` has two). */
  keys: string[];
  text: string;
}

const PREFIXED = /^(NASDAQ|NYSE(?: American)?|NYSEAMERICAN|AMEX|OTC|US|HKEX|HKE|HKG|HK|SEHK|Hong Kong|SH|SZ|BJ|SSE|SHSE|SZSE|BJSE|SHA|SHE|Shanghai|Shenzhen|TPE|TWSE|TPEX|TWO|KRX|KOSPI|KOSDAQ|TYO|TSE|JPX)\s*:\s*([A-Z0-9][A-Z0-9.\-]{0,9})$/i;
/** Trading apps' market prefixes: "SH600519", "sz000858", "HK00700", "HK.00700", "US.PDD" (Xueqiu, Futu, East Money). */
const APP_PREFIXED = /^(?:(SH|SZ|BJ)\.?(\d{6})|HK\.?(\d{4,5})|US\.([A-Z][A-Z0-9]{0,5}))$/i;
/** Taiwan (TWSE .TW, TPEx .TWO; Bloomberg TT), Korea (KOSPI .KS, KOSDAQ .KQ; Bloomberg KS/KQ), Tokyo (.T; Bloomberg JP/JT). */
const TW = /^(\d{4})(?:\.TWO?|\sTT)$/i;
const KR = /^(\d{6})(?:\.|\s)K[SQ]$/i;
const JP = /^(\d{4})(?:\.T|\s(?:JP|JT))$/;
const US = /^([A-Z][A-Z0-9]{0,5}(?:[.\-][A-Z])?)(?:\.|\s)(US|O|N|OQ)$/;
const HK = /^(\d{1,5})(?:\.|-|\s)HK$/i;
const CN = /^(\d{6})\s?(?:\.\s?(?:SH|SZ|SS|CN|BJ|XSHG|XSHE)|\s(?:CH|CN))$/i;
const BARE_HK = /^(?!(?:19|20)\d\d$)(\d{4,5})$/;
const BARE_CN = /^(\d{6})$/;

/** The listing key of one notation, or undefined when it is not a ticker. */
export function tickerKey(notation: string): string | undefined {
  const s = notation.trim().replace(/\s*[–—-]\s*Get Free Report$/i, '');
  let m = PREFIXED.exec(s);
  if (m) {
    const exchange = m[1]!.toUpperCase();
    const code = m[2]!.toUpperCase();
    if (/^(HKEX|HKE|HKG|HK|SEHK|HONG KONG)$/.test(exchange)) return /^\d{1,5}$/.test(code) && !(exchange === 'HONG KONG' && /^(?:19|20)\d\d$/.test(code)) ? `HK:${code.padStart(5, '0')}` : undefined;
    if (/^(SH|SZ|BJ|SSE|SHSE|SZSE|BJSE|SHA|SHE|SHANGHAI|SHENZHEN)$/.test(exchange)) return /^\d{6}$/.test(code) && !isIndexCode(code, /^(SH|SSE|SHSE|SHA|SHANGHAI)$/.test(exchange)) ? `CN:${code}` : undefined;
    if (/^(TPE|TWSE|TPEX|TWO)$/.test(exchange)) return /^\d{4}$/.test(code) ? `TW:${code}` : undefined;
    if (/^(KRX|KOSPI|KOSDAQ)$/.test(exchange)) return /^\d{6}$/.test(code) ? `KR:${code}` : undefined;
    if (/^(TYO|TSE|JPX)$/.test(exchange)) return /^\d{4}$/.test(code) ? `JP:${code}` : undefined;
    // "(US:PDD)", as Chinese quote pages print it: a symbol in capitals, never a figure ("US: 5%").
    if (exchange === 'US' && !/^[A-Z][A-Z0-9]{0,5}(?:[.-][A-Z])?$/.test(m[2]!)) return undefined;
    return `US:${code.replace('.', '-')}`;
  }
  if ((m = APP_PREFIXED.exec(s))) {
    if (m[2]) return isIndexCode(m[2], /^SH/i.test(s)) ? undefined : `CN:${m[2]}`;
    if (m[3]) return `HK:${m[3].padStart(5, '0')}`;
    return `US:${m[4]!.toUpperCase()}`;
  }
  if ((m = US.exec(s))) return `US:${m[1]!.replace('.', '-')}`;
  if ((m = HK.exec(s))) return `HK:${m[1]!.padStart(5, '0')}`;
  if ((m = CN.exec(s))) return isIndexCode(m[1]!, /\.\s?S[HS]$/i.test(s)) ? undefined : `CN:${m[1]!}`;
  if ((m = TW.exec(s))) return `TW:${m[1]!}`;
  if ((m = KR.exec(s))) return `KR:${m[1]!}`;
  if ((m = JP.exec(s))) return `JP:${m[1]!}`;
  if ((m = BARE_HK.exec(s))) return `HK:${m[1]!.padStart(5, '0')}`;
  if ((m = BARE_CN.exec(s))) return `CN:${m[1]!}`;
  return undefined;
}

/** An index is no listing: Shanghai's shares start with 6 or 9 (000001.SH is the SSE Composite); 399xxx are Shenzhen's indices. */
function isIndexCode(code: string, shanghai: boolean): boolean {
  return (shanghai && code.startsWith('0')) || code.startsWith('399');
}

export function marketOf(key: string): Market {
  return key.slice(0, 2) as Market;
}

/** How a key is printed in messages: `NVDA.US`, `00700.HK`, `300024.SZ`, `2330.TW`, `005930.KS`, `7203.T`. */
export function printKey(key: string): string {
  const code = key.slice(3);
  if (key.startsWith('HK:')) return `${code}.HK`;
  if (key.startsWith('TW:')) return `${code}.TW`;
  if (key.startsWith('KR:')) return `${code}.KS`;
  if (key.startsWith('JP:')) return `${code}.T`;
  if (key.startsWith('CN:')) return `${code}.${/^[69]/.test(code) ? 'SH' : /^[48]/.test(code) ? 'BJ' : 'SZ'}`;
  return `${code}.US`;
}

/**
 * Round brackets, ASCII or full-width as Chinese copy prints them ("腾讯（00700.HK）"), each pair of one kind;
 * square ones as trading apps print a code ("Kingsoft [03888]").
 */
const PAREN = /\(([^()（）\n]{1,40})\)|（([^()（）\n]{1,40})）|\[([^[\]\n]{1,40})\]/g;
/** In square brackets a bare code of four digits or fewer is a footnote or a reference, never a listing. */
const SHORT_BARE = /^\d{1,4}$/;

/** Whether a text has an opening bracket a ticker could stand in. */
export function hasBracket(text: string): boolean {
  return text.includes('(') || text.includes('（') || text.includes('[');
}

/** Parenthesised tickers in a text. */
export function findTickers(text: string): TickerSpan[] {
  const out: TickerSpan[] = [];
  if (!hasBracket(text)) return out;
  PAREN.lastIndex = 0;
  for (let m = PAREN.exec(text); m; m = PAREN.exec(text)) {
    const keys: string[] = [];
    // Full-width letters, digits and stops inside ("（６００５１９．ＳＨ）") read as their ASCII forms.
    const inner = m[1] ?? m[3] ?? m[2]!.normalize('NFKC');
    for (const part of inner.split(/[,;，；]\s*/)) {
      const key = m[3] !== undefined && SHORT_BARE.test(part.trim()) ? undefined : tickerKey(part);
      if (!key) {
        keys.length = 0;
        break;
      }
      keys.push(key);
    }
    if (keys.length) out.push({ start: m.index, end: m.index + m[0].length, keys, text: m[0] });
  }
  return out;
}
