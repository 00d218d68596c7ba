import { createInterface } from 'node:readline/promises';
import type { FailureClass } from '../core/bundle/bundle-types';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** A person at a terminal can answer a question (stdin is a TTY). Absent: no one can. */
  interactive?: boolean;
  /** Asks on stderr and reads one line from stdin. */
  ask?(question: string): Promise<string>;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  env: process.env,
  interactive: process.stdin.isTTY === true,
  async ask(question) {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  },
};

/** Documented in README; scripts on head office machines rely on them. */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  validation: 3,
  notFound: 4,
  database: 5,
  io: 6,
  /** `hoan media log verify`: signs of tampering (a broken link, an exported head no longer held, an entry that contradicts itself). */
  verifyFailed: 7,
  /** `hoan media scan`: the medium was scanned and denied (8-1-3). */
  mediumDenied: 8,
  /** Another Hoan process held the data folder's write lock past the busy timeout: try again. */
  busy: 9,
  /** `hoan media log verify`: no tampering found, but the triggers that keep the log append-only are gone. */
  logGuardsMissing: 50,
  /** The answer to a confirmation (`hoan trust add`) was no: nothing was changed. */
  declined: 60,
  /** `hoan bundle import`: the bundle was imported, but the definitions it carried were refused; the previous ones stay in use. */
  definitionsRefused: 75,
  /** `hoan bundle export --with-definitions`: this installation has no definitions to include; nothing was written. */
  noDefinitionsToSend: 76,
  /** `hoan bundle export --with-definitions` for a site whose home is here: definitions only travel from head office to a site. */
  definitionsOnlyReview: 77,
  /** `hoan bundle export --advisories new|relevant` for a site whose home is here: advisories only travel from head office to a site. */
  advisoriesOnlyReview: 90,
  /** `hoan bundle import`: the bundle was imported, but the advisory store refused some of the advisories it carried (each listed with its reason). */
  advisoriesRefused: 91,
} as const;

/**
 * `hoan bundle verify` and `hoan bundle import`: one exit code per failure
 * class, so a script at head office can tell a damaged medium (10-16) from a
 * bad or unknown signature (20-22), altered contents (23-27), a replay
 * (30-31) or records that cannot be imported (40-42). Documented in README.
 */
export const BUNDLE_EXIT: Record<FailureClass, number> = {
  zip_structure: 10,
  unsafe_name: 11,
  symlink: 12,
  duplicate_name: 13,
  outside_layout: 14,
  size_limit: 15,
  compression: 16,
  signature_invalid: 20,
  wrong_namespace: 21,
  untrusted_signer: 22,
  bag_invalid: 23,
  tag_manifest_mismatch: 24,
  manifest_mismatch: 25,
  missing_file: 26,
  unlisted_file: 27,
  replay: 30,
  sequence_not_newer: 31,
  records_invalid: 40,
  chain_broken: 41,
  ownership: 42,
};

/**
 * `hoan definitions import|rollback`: why nothing was installed or switched,
 * so a script preparing a site's laptop can tell a bad file from a choice
 * the user must make. In every case the definitions in use stay in use.
 * Documented in README.
 */
export const DEFINITIONS_EXIT = {
  /** A file was refused: damaged, cut short, signature not verified, not a ClamAV database, too new for the engine, built in the future, unsafe names inside, or the engine would not load the set. */
  refused: 70,
  /** Unsigned files (.cud, .hdb, …) not from a signed bundle, and no `--accept-unsigned REASON`. */
  unsignedNotAccepted: 71,
  /** `hoan definitions rollback` with no previous set. */
  nothingToRollBack: 72,
  /** ClamAV (clamscan or sigtool) is not installed, so nothing can be verified. */
  scannerMissing: 73,
  /** The store could not be written (the disk filled up, or the folder refused the write). */
  notWritten: 74,
} as const;

/**
 * `hoan advisories import`: a script at head office can tell a folder imported
 * whole (0) from one with refused files (80) or one with nothing to import
 * (81). Documented in README.
 */
export const ADVISORIES_EXIT = {
  /** At least one file was refused (each with its reason); every other file was imported, updated or unchanged. */
  someRefused: 80,
  /** The paths named hold no advisory (no `*.json` in the folders): nothing was imported. */
  nothingFound: 81,
} as const;

/**
 * `hoan advisories triage`: why a decision was not recorded, beside the usual
 * 3 for a missing or wrong field. Nothing is written in any case. Documented in README.
 */
export const TRIAGE_EXIT = {
  /** The device is not the site's, or it does not match the advisory (see `--list`). */
  noMatch: 87,
  /** risk_accepted, and the site has no open assessment round whose risk register could take it (8-4-3). */
  noOpenRound: 88,
  /** Two publishers use the advisory's id: give --publisher. */
  ambiguousAdvisory: 89,
} as const;

/**
 * `hoan registers diagram`: why no diagram was written. Documented in README.
 */
export const REGISTERS_EXIT = {
  /** No site has that id or name, or two sites share the name (give the id). */
  siteNotFound: 92,
  /** The site has no connection point and no device: there is nothing to draw, nothing was written. */
  nothingToDraw: 93,
} as const;
