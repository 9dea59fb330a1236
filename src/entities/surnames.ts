/**
 * Common Chinese surnames in pinyin: a word of them before a pinyin given
 * name makes a person's name ("Wang Hongmeng", "Li Wenxin"), whatever else
 * those syllables spell.
 */
export const SURNAMES = new Set(
  'wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie song tang han feng deng cao peng zeng xiao tian dong yuan pan yu jiang cai du ye cheng su wei lu ding ren shen yao cui zhong tan fan jin shi liao jia xia fu fang bai zou meng xiong qin qiu yin xue yan duan lei hou long tao gu mao hao gong shao wan qian dai mo kong xiang'.split(' '),
);

/** Whether `word` is a Chinese surname in pinyin, capitalised as a name ("Wang", "Li"). */
export function isSurname(word: string): boolean {
  return /^\p{Lu}\p{Ll}*$/u.test(word) && SURNAMES.has(word.toLowerCase());
}
