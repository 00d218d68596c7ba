export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  env: process.env,
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
  /** `hoan media log verify`: the checkpoint log's hash chain is broken. */
  verifyFailed: 7,
  /** `hoan media scan`: the medium was scanned and denied (8-1-3). */
  mediumDenied: 8,
} as const;
