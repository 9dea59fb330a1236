/**
 * Companies of one group, from the curated `parent` links: a parent, its
 * subsidiaries at any depth, and sisters under one parent. A linker's wrong
 * company in a product slot is told from a group's own unit by this:
 * "Alibaba said its logistics platform Cainiao" names Alibaba's subsidiary,
 * "Geely said its electric brand XPeng" a rival.
 */
import type { KnowledgeBase } from './kb.js';

/** Groups are a few levels deep (state group → listed arm → unit); a cycle in the data stops here. */
const MAX_DEPTH = 6;

const childrenByKb = new WeakMap<KnowledgeBase, Map<number, number[]>>();

/** The entity and its parents, nearest first. */
export function lineage(kb: KnowledgeBase, entity: number): number[] {
  const chain = [entity];
  let at = kb.entity(entity);
  for (let depth = 0; at.parent && depth < MAX_DEPTH; depth++) {
    const up = kb.indexOf(at.parent);
    if (up === undefined || chain.includes(up)) break;
    chain.push(up);
    at = kb.entity(up);
  }
  return chain;
}

/** Whether two entities belong to one group: the same, one controls the other, or one parent controls both. */
export function kin(kb: KnowledgeBase, a: number, b: number): boolean {
  if (a === b) return true;
  const up = lineage(kb, a);
  return lineage(kb, b).some((e) => up.includes(e));
}

/** The companies an entity controls, directly or through its units, nearest first. */
export function subsidiaries(kb: KnowledgeBase, entity: number): number[] {
  let children = childrenByKb.get(kb);
  if (!children) {
    children = new Map();
    kb.entities.forEach((e, i) => {
      const parent = e.parent === undefined ? undefined : kb.indexOf(e.parent);
      if (parent === undefined) return;
      const list = children!.get(parent);
      if (list) list.push(i);
      else children!.set(parent, [i]);
    });
    childrenByKb.set(kb, children);
  }
  const out: number[] = [];
  let level = [entity];
  for (let depth = 0; level.length && depth < MAX_DEPTH; depth++) {
    const next = level.flatMap((e) => children.get(e) ?? []).filter((e) => e !== entity && !out.includes(e));
    out.push(...next);
    level = next;
  }
  return out;
}
