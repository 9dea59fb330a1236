/**
 * A list of patterns tested as a few: `anyOf(list)(text)` answers as
 * `list.some((re) => re.test(text))` does, with one regex per set of flags
 * instead of one call per pattern. Boilerplate rules test every short block
 * against dozens of whole-line patterns, most of which fail at the first
 * character; the calls, not the matching, were the cost.
 */
export function anyOf(patterns: readonly RegExp[]): (text: string) => boolean {
  const byFlags = new Map<string, string[]>();
  const alone: RegExp[] = [];
  for (const re of patterns) {
    // Stateful patterns (lastIndex) and ones whose groups would clash or renumber in one alternation stay as they are.
    if (re.global || re.sticky || /\\[1-9]|\\k<|\(\?<(?![=!])/.test(re.source)) alone.push(re);
    else byFlags.set(re.flags, [...(byFlags.get(re.flags) ?? []), `(?:${re.source})`]);
  }
  const tests = [...[...byFlags].map(([flags, sources]) => new RegExp(sources.join('|'), flags)), ...alone];
  if (tests.length === 1) {
    const only = tests[0]!;
    return (text) => only.test(text);
  }
  return (text) => {
    for (const re of tests) if (re.test(text)) return true;
    return false;
  };
}
