/**
 * Exports built for the batch tests: a Ghost JSON export and a WordPress WXR
 * file, the way those CMSs write them, with articles from wire copy that
 * carries the defects copydesk removes (a "Related" block, a share bar).
 */

/** A wire article in HTML with a related-articles block after the body. */
export function wireHtml(title: string, n = 1): string {
  return [
    `<h1>${title}</h1>`,
    `<p>Zhitong Finance APP learned that ${title.toLowerCase()} on Thursday, the company said in a filing with the Hong Kong stock exchange, item ${n}.</p>`,
    '<p>Revenue for the quarter rose 12% year on year to 4.2 billion yuan, while net profit attributable to shareholders grew 8%.</p>',
    '<p>Analysts at the brokerage kept their buy rating and raised the target price, citing stronger margins in the second half.</p>',
    '<p>Related Articles</p>',
    '<ul><li><a href="/a">Hang Seng Index closes higher as tech rallies</a></li><li><a href="/b">Southbound funds buy 3 billion</a></li></ul>',
  ].join('\n');
}

/** The same article in Markdown. */
export function wireMarkdown(title: string, n = 1): string {
  return [
    `# ${title}`,
    '',
    `Zhitong Finance APP learned that ${title.toLowerCase()} on Thursday, the company said in a filing with the Hong Kong stock exchange, item ${n}.`,
    '',
    'Revenue for the quarter rose 12% year on year to 4.2 billion yuan, while net profit attributable to shareholders grew 8%.',
    '',
    'Analysts at the brokerage kept their buy rating and raised the target price, citing stronger margins in the second half.',
    '',
    'Related Articles',
    '',
    '- Hang Seng Index closes higher as tech rallies',
    '- Southbound funds buy 3 billion',
    '',
  ].join('\n');
}

export const CLEAN_TEXT = 'Shares of the carmaker were flat in Hong Kong trading on Friday after the company confirmed its delivery target for the year.';

export interface GhostPost {
  id: string;
  slug: string;
  title: string;
  html?: string | null;
  lexical?: string | null;
  mobiledoc?: string | null;
}

/** A Ghost 5 export: `{ db: [{ meta, data: { posts, tags, … } }] }`, pretty-printed as Ghost writes it. */
export function ghostExport(posts: GhostPost[]): string {
  const full = posts.map((p) => ({
    id: p.id,
    uuid: `uuid-${p.id}`,
    title: p.title,
    slug: p.slug,
    mobiledoc: p.mobiledoc ?? null,
    lexical: p.lexical ?? null,
    html: p.html ?? null,
    comment_id: p.id,
    plaintext: 'stale plaintext',
    feature_image: null,
    featured: 0,
    type: 'post',
    status: 'published',
    created_at: '2025-11-13T10:05:00.000Z',
    published_at: '2025-11-13T10:05:00.000Z',
    custom_excerpt: 'Zhitong Finance APP learned… (an excerpt with "quotes" and a \\ backslash)',
  }));
  return JSON.stringify(
    {
      db: [
        {
          meta: { exported_on: 1763028300000, version: '5.101.0' },
          data: {
            posts: full,
            tags: [{ id: 't1', name: 'Markets', slug: 'markets' }],
            posts_tags: posts.map((p, i) => ({ id: `pt${i}`, post_id: p.id, tag_id: 't1', sort_order: 0 })),
            users: [{ id: 'u1', name: 'Desk', slug: 'desk', email: 'desk@example.com' }],
          },
        },
      ],
    },
    null,
    2,
  );
}

/** A Lexical document: paragraphs of plain text. */
export function lexicalDoc(paragraphs: string[]): string {
  return JSON.stringify({
    root: {
      children: paragraphs.map((text) => ({ children: [{ detail: 0, format: 0, mode: 'normal', style: '', text, type: 'text', version: 1 }], direction: 'ltr', format: '', indent: 0, type: 'paragraph', version: 1 })),
      direction: 'ltr',
      format: '',
      indent: 0,
      type: 'root',
      version: 1,
    },
  });
}

export interface WxrPost {
  id: number;
  slug: string;
  title: string;
  content: string;
  type?: string;
}

/** A WordPress WXR 1.2 export, as Tools → Export writes it. */
export function wxrExport(posts: WxrPost[]): string {
  const items = posts
    .map(
      (p) => `
	<item>
		<title><![CDATA[${p.title}]]></title>
		<link>https://news.example.com/${p.slug}/</link>
		<pubDate>Thu, 13 Nov 2025 10:05:00 +0000</pubDate>
		<dc:creator><![CDATA[desk]]></dc:creator>
		<guid isPermaLink="false">https://news.example.com/?p=${p.id}</guid>
		<description></description>
		<content:encoded><![CDATA[${p.content}]]></content:encoded>
		<excerpt:encoded><![CDATA[]]></excerpt:encoded>
		<wp:post_id>${p.id}</wp:post_id>
		<wp:post_date><![CDATA[2025-11-13 18:05:00]]></wp:post_date>
		<wp:post_name><![CDATA[${p.slug}]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_type><![CDATA[${p.type ?? 'post'}]]></wp:post_type>
		<category domain="category" nicename="markets"><![CDATA[Markets &amp; Stocks]]></category>
		<wp:postmeta>
			<wp:meta_key><![CDATA[_edit_last]]></wp:meta_key>
			<wp:meta_value><![CDATA[1]]></wp:meta_value>
		</wp:postmeta>
	</item>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" ?>
<!-- This is a WordPress eXtended RSS file generated by WordPress as an export of your site. -->
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
	<title>News Desk</title>
	<link>https://news.example.com</link>
	<description>Markets in Chinese, in English</description>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[desk]]></wp:author_login></wp:author>
${items}
</channel>
</rss>
`;
}

/** The same article as plain wire text: title first, one paragraph per line, a "Related Articles" tail. */
export function wireText(title: string, n = 1): string {
  return [
    title,
    `Zhitong Finance APP learned that ${title.toLowerCase()} on Thursday, the company said in a filing with the Hong Kong stock exchange, item ${n}.`,
    'Revenue for the quarter rose 12% year on year to 4.2 billion yuan, while net profit attributable to shareholders grew 8%.',
    'Analysts at the brokerage kept their buy rating and raised the target price, citing stronger margins in the second half.',
    'Related Articles',
    'Hang Seng Index closes higher as tech rallies',
    'Southbound funds buy 3 billion',
    '',
  ].join('\n');
}
