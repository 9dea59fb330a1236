/**
 * The article the queue and policy tests hold: a bank's assistant given the
 * name of an unrelated robot maker (a `suspicious-product-name` flag, so the
 * verdict is review), and the same with a related block after it (a change).
 */
export const FLAGGED_STORY = [
  'Harbour Bank said on Tuesday that its AI assistant Siasun Robot & Automation now answers customer questions in Cantonese.',
  'The lender plans to extend the assistant to its branches in Macau next year, a spokeswoman said.',
].join('\n\n');

export const FLAGGED = [FLAGGED_STORY, 'Related News', 'Macau casinos report a busy holiday week'].join('\n\n');
