import type { AdvisoryNote } from './advisory-types';

/**
 * What an advisory file must be before the validator sees it. The validator
 * (ajv and the mandatory tests) recurses through the product tree and
 * compares product ids pairwise, so a hostile tree (100 levels deep, a
 * million branches) is refused here first, by a walk with an explicit stack
 * that stops at the first limit it passes.
 */

/** Largest advisory file taken (CISA's largest OT advisory is under 1 MB; Siemens' under 5 MB). */
export const MAX_ADVISORY_BYTES = 20 * 1024 * 1024;
/** Branch nesting: real trees are vendor / family / product / version, rarely more than 6 levels. */
export const MAX_TREE_DEPTH = 32;
/** Branches, full product names, relationships and groups together. */
export const MAX_TREE_NODES = 50_000;
/** Vulnerabilities in one document. */
export const MAX_VULNERABILITIES = 5_000;

export const SUPPORTED_CSAF_VERSION = '2.0';

/** Why a file is refused: a message key under `advisories.refused` and its values. */
export type Refusal = AdvisoryNote;

/** Not CSAF 2.0, or past a limit: the reason; null when the validator may look at it. */
export function boundsRefusal(doc: unknown): Refusal | null {
  if (!isObject(doc) || !isObject(doc.document)) return { key: 'advisories.import.refused.notCsaf' };
  const version = doc.document.csaf_version;
  if (typeof version !== 'string') return { key: 'advisories.import.refused.notCsaf' };
  if (version !== SUPPORTED_CSAF_VERSION) return { key: 'advisories.import.refused.csafVersion', params: { version, supported: SUPPORTED_CSAF_VERSION } };
  const tree = doc.product_tree;
  if (tree !== undefined) {
    const refusal = treeRefusal(tree);
    if (refusal) return refusal;
  }
  if (Array.isArray(doc.vulnerabilities) && doc.vulnerabilities.length > MAX_VULNERABILITIES) {
    return { key: 'advisories.import.refused.tooManyVulnerabilities', params: { count: doc.vulnerabilities.length, limit: MAX_VULNERABILITIES } };
  }
  return null;
}

function treeRefusal(tree: unknown): Refusal | null {
  if (!isObject(tree)) return null; // the schema names it
  let nodes = 0;
  const count = (list: unknown) => (Array.isArray(list) ? list.length : 0);
  nodes += count(tree.full_product_names) + count(tree.relationships) + count(tree.product_groups);
  const stack: { branches: unknown; depth: number }[] = [{ branches: tree.branches, depth: 1 }];
  while (stack.length) {
    const { branches, depth } = stack.pop()!;
    if (!Array.isArray(branches)) continue;
    if (depth > MAX_TREE_DEPTH) return { key: 'advisories.import.refused.treeTooDeep', params: { limit: MAX_TREE_DEPTH } };
    nodes += branches.length;
    if (nodes > MAX_TREE_NODES) return { key: 'advisories.import.refused.treeTooLarge', params: { limit: MAX_TREE_NODES } };
    for (const branch of branches) {
      if (isObject(branch) && branch.branches !== undefined) stack.push({ branches: branch.branches, depth: depth + 1 });
    }
  }
  if (nodes > MAX_TREE_NODES) return { key: 'advisories.import.refused.treeTooLarge', params: { limit: MAX_TREE_NODES } };
  return null;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
