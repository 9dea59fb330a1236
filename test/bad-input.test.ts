/** Bad input gives a result or one clear error, in bounded time and memory; never a crash or a hang. */
import { describe, expect, it } from 'vitest';
import { clean, InputError } from '../src/index.js';

describe('bad input', () => {
  it('empty input: empty output and a warning', async () => {
    const result = await clean('', { format: 'text' });
    expect(result).toMatchObject({ markdown: '', html: '' });
    expect(result.messages.map((m) => m.ruleId)).toEqual(['empty-input']);
  });

  it('whitespace only: empty output and a warning', async () => {
    for (const format of ['text', 'markdown', 'html'] as const) {
      const result = await clean(' \n\t\r\n  ', { format });
      expect(result.markdown).toBe('');
      expect(result.messages[0]?.ruleId).toBe('empty-input');
    }
  });

  it('invalid UTF-8: a clear InputError', async () => {
    const bytes = new Uint8Array([0x48, 0x69, 0xff, 0xfe, 0x21]);
    await expect(clean(bytes, { format: 'text', path: 'bad.txt' })).rejects.toThrow(new InputError('bad.txt: not valid UTF-8 text (is it a binary file, or in another encoding?)'));
  });

  it('binary content: a clear InputError', async () => {
    await expect(clean('PK\u0003\u0004\u0000\u0000binary', { format: 'text' })).rejects.toBeInstanceOf(InputError);
  });

  it('a UTF-8 byte-order mark is dropped', async () => {
    const bytes = new TextEncoder().encode('\ufeffTitle\nBody line here.');
    expect((await clean(bytes, { format: 'text' })).markdown).toBe('# Title\n\nBody line here.\n');
  });

  it('a 10 MB article is cleaned', async () => {
    const paragraph = 'The company said revenue rose 12.5% in the quarter while costs were broadly flat. ';
    const body = Array.from({ length: 9500 }, (_, i) => `${paragraph.repeat(13)}Item ${i}.`).join('\n\n');
    expect(body.length).toBeGreaterThan(10_000_000);
    const result = await clean(`# Long report\n\n${body}`, { format: 'markdown' });
    expect(result.markdown.length).toBeGreaterThan(10_000_000);
  }, 60_000);

  it('one giant line (5 MB) is cleaned', async () => {
    const line = 'word '.repeat(1_000_000);
    const result = await clean(`Title\n${line}`, { format: 'text' });
    expect(result.markdown.length).toBeGreaterThan(4_000_000);
  }, 60_000);

  it('HTML nested 10,000 deep is flattened, its text kept, with a warning', async () => {
    const html = `${'<div>'.repeat(10_000)}<p>deep text</p>${'</div>'.repeat(10_000)}`;
    const result = await clean(html, { format: 'html' });
    expect(result.markdown).toBe('deep text\n');
    expect(result.messages.map((m) => m.ruleId)).toContain('deep-nesting');
  });

  it('unclosed inline HTML tags 10,000 deep are flattened', async () => {
    const result = await clean(`<p>${'<b>'.repeat(10_000)}bold text</p>`, { format: 'html' });
    expect(result.markdown).toContain('bold text');
  });

  it('block quotes nested 10,000 deep: a clear InputError', async () => {
    await expect(clean(`${'>'.repeat(10_000)} deep`, { format: 'markdown' })).rejects.toThrow(/block quotes nested more than 200 deep \(line 1\)/);
  });

  it('lists nested thousands deep: a clear InputError', async () => {
    const md = Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n');
    await expect(clean(md, { format: 'markdown' })).rejects.toThrow(/lists nested more than 200 deep/);
  });

  it('emphasis runs thousands long: a clear InputError', async () => {
    await expect(clean(`${'*'.repeat(10_000)}x${'*'.repeat(10_000)}`, { format: 'markdown' })).rejects.toBeInstanceOf(InputError);
  });
});
