/**
 * What page furniture looks like, as data. Each pattern is matched against a
 * whole block's text, trimmed, so a sentence that merely contains the words
 * ("Recommended positions include…", "rate-related stocks") never matches.
 */

/** Headings or lines that open a list of other headlines. */
export const LIST_MARKERS: RegExp[] = [
  /^related(?: (?:news|articles?|stories|reading|posts|content|coverage|links|topics|reports|videos|quotes|stocks))+(?: ?&? ?research)?$/i,
  /^recommend(?:ed)?(?: (?:for you|reading|articles|news|stories|posts))?$/i,
  /^hot (?:topics|news|stories|articles|reads)$/i,
  /^(?:more|latest|lates|top|trending|popular|editor'?s'?) (?:news|stories|articles|reads|headlines|picks)$/i,
  /^(?:latest|trending|popular|most read|most popular|most viewed|see also|further reading|also read|read next|read more|you (?:may|might) also like|today'?s attention ?\/\/)$/i,
];

/** A marker glued to the end of a sentence: "…its pace.Related NewsMacquarie…". */
export const GLUED_MARKER = /(?<=[.!?。”"’)])\s*(?=(?:Related (?:News|Articles|Stories|Reading)|RECOMMEND(?:ED)?|Recommended|Hot topics|Read more)(?:[A-Z0-9$“"‘(]|$))/;

/** Known furniture, seen on real republishing sites (defects survey §1.2, §4). */
export const FURNITURE: RegExp[] = [
  /^listen to (?:the )?(?:news|article|this article|this story)$/i,
  /^[-+\s]*[+-]\s*\d+(?:\.\d+)?%(?:\s*[-+\s]*[+-]?\s*\d+(?:\.\d+)?%)*$/, // empty quote widgets: "-+ 0.00%"
  /^date\b.{0,40}\bavatar\b.{0,40}$/i,
  /^(?:portai\s*)?i'?m [\w ]{2,20}, i can summari[sz]e (?:articles|this article|news)\.?$/i,
  /^portai$/i,
  /^share_log$/i,
  /^write a (?:comment|reply)$/i,
  /^(?:leave a (?:reply|comment)|comments?(?: \(\d+\))?|adblock detected|source link|print|font size|back to top)$/i,
  /^scan (?:the )?(?:qr )?code to (?:share|download|read|follow)\b.{0,40}$/i,
  /^(?:image\.(?:png|jpe?g|gif|webp)\s*)+$/i,
  /^(?:picture|image|photo|data map|logo|img|figure)$/i,
  /^the translation is provided by third-party software\.?$/i,
  /^share (?:to|this article|this story|on|via)\b.{0,80}$/i,
  /^(?:download|open|get) (?:the )?[\w ]{0,40}\bapp\b.{0,80}$/i,
  /^(?:download now|scan to download|download the app|open in app)$/i,
  /^welcome use download .{0,80}$/i,
  /^was this (?:article|story|news) helpful\??(?: yes no)?$/i,
  /^(?:back )?zoom [+-](?: zoom [+-])?$/i,
  /^recommend \d+ positive \d+ negative \d+$/i,
  /^try our ai features$/i,
  /^(?:tags?|keywords?|related (?:stocks|tickers))\s*[:：].{0,120}$/i, // tag clouds and ticker chips

  /^explore what .{1,40} can do for you$/i,
  /^(?:ai[- ]?(?:generated )?summary|ai digest|ai highlights|summary by ai)\s*[:：]?$/i, // a platform's AI digest label
];

/**
 * Furniture found by its shape rather than its words: whatever the site, a
 * line of bare counters, markup printed as text, a parenthesised photo
 * credit, a caption label, a "//" section marker.
 */
export const FURNITURE_SHAPES: Array<{ pattern: RegExp; what: string }> = [
  { pattern: /^\d{1,6}(?:[\s/.:-]+\d{1,6}){1,5}$/, what: 'a line of bare counters or a timestamp' },
  { pattern: /^<?\/?[a-z][a-z0-9]{0,10}(?:\s+[a-z-]{1,20}\s*=\s*["“'][^"”']{0,40}["”'])+\s*\/?>?$/i, what: 'HTML markup printed as text' },
  { pattern: /^[(（][^()（）]{0,100}\b(?:photos?|images?|pictures?|charts?|graphics?|courtesy|credits?)\b[^()（）]{0,100}[)）]$/i, what: 'a photo or chart credit' },
  { pattern: /^(?:photo|image|picture|chart|graphic)(?: source| credit)?\s*[:：]\s*[^.!?]{1,60}$/i, what: 'an orphan caption label' },
  { pattern: /^(?:[\p{L}\p{N}][\p{L}\p{N} &'’,-]{0,40}\s?)?\/\/$/u, what: 'a "//" section marker' },
];

/** Lines that look like furniture but are editorial: always kept. */
export const ATTRIBUTION: RegExp[] = [
  /^source\s*[:：|]/i,
  /^(?:author|editor|editor in charge|text|article|reporter|writer|compiled by|translated by|by)\s*[:：|丨]/i,
  /^by [A-Z][\p{L}'’-]+(?: [A-Z][\p{L}'’-]+){0,3}$/u,
  /^[\p{L} ]{2,40}\s*[·•|]\s*(?:\d{1,4}[/.-]\d{1,2}|\d+\s*(?:[mhd]|min|hours?|days?) ago)/iu, // "Zhitongcaijing·12/25/2025 11:09:01"
  /disclaimer|not constitute (?:investment|an offer)|for (?:reference|informational|educational) purposes only|investment advice/i,
];

/** Words that make up share bars, app prompts and widget labels. */
export const UI_WORDS = new Set(
  ('share to on via this article story news wechat weibo qq facebook twitter x linkedin whatsapp telegram line email copy link ' +
    'print comment comments reply like likes favorite favourite collect save bookmark download app apps scan code qr subscribe ' +
    'follow us login log in register sign up back top zoom font size listen read more next previous prev home menu search close ' +
    'open view click here tap report yes no helpful now free get install')
    .split(' '),
);

/**
 * How a wire's lede opens when the page also printed a summary above it
 * ("Zhitong Finance APP learned that…", "According to sources, …"): the mark
 * of a republished wire page rather than edited copy, where a dek and a lede
 * on the same news are simply the article.
 */
export const WIRE_LEDE: RegExp[] = [
  /^(?:the )?[\p{L}][\p{L} .'’-]{1,40}?\b(?:app|news|finance|net)?\s*(?:has )?learn(?:ed|t) that\b/iu,
  /^according to (?:sources|people familiar|media reports?|reports?|(?:the )?[\p{L} .'’-]{2,40}?\b(?:app|news|finance|media)\b)/iu,
  /^it (?:is|was) (?:reported|learned|understood|known) that\b/i,
];
