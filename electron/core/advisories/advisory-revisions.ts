/**
 * Which of two revisions of one advisory (same publisher namespace and
 * tracking id) is newer: the later `current_release_date`, then the higher
 * `tracking.version`. CSAF allows integer versions (`1`, `2`, …) and semantic
 * versions (`1.0.0`, `1.1.0-rc.1`); both are compared part by part, numbers
 * numerically, a pre-release (`-…`) before its release and build metadata
 * (`+…`) ignored, as semver says.
 */

export interface RevisionKey {
  currentReleaseDate: string;
  version: string;
}

/** Negative when a is older than b, positive when newer, 0 when the same revision. */
export function compareRevisions(a: RevisionKey, b: RevisionKey): number {
  const byDate = instant(a.currentReleaseDate) - instant(b.currentReleaseDate);
  if (byDate !== 0 && !Number.isNaN(byDate)) return Math.sign(byDate);
  return compareVersions(a.version, b.version);
}

function instant(iso: string): number {
  return Date.parse(iso);
}

export function compareVersions(a: string, b: string): number {
  const [aCore = '', aPre] = a.split('+')[0]!.split(/-(.*)/s);
  const [bCore = '', bPre] = b.split('+')[0]!.split(/-(.*)/s);
  const byCore = compareParts(aCore.split('.'), bCore.split('.'));
  if (byCore !== 0) return byCore;
  if (aPre === undefined || bPre === undefined) return aPre === bPre ? 0 : aPre === undefined ? 1 : -1;
  return compareParts(aPre.split('.'), bPre.split('.'));
}

function compareParts(a: string[], b: string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) {
      const d = Number(x) - Number(y);
      if (d !== 0) return Math.sign(d);
    } else if (xn !== yn) {
      return xn ? -1 : 1;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}
