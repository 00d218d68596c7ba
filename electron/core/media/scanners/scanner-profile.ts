import type { ScanErrorReason, ScannerProfileId } from '../media-schema';
import type { DefinitionSet } from '../media-types';

/** One argument, or arguments that are only passed when a value is configured. */
export type ArgTemplate = string | { ifSet: 'database'; args: string[] };

export interface TemplateValues {
  /** The medium's folder, already checked to exist. */
  target: string;
  database: string;
}

export interface ScannerOutput {
  stdout: string;
  stderr: string;
  /** null when the process was killed or never started. */
  exitCode: number | null;
}

export interface ParsedScan {
  result: 'clean' | 'infected' | 'error';
  filesScanned: number | null;
  /** Paths as the scanner printed them. */
  detections: { file: string; name: string }[];
  engineVersion: string | null;
  errorText: string;
  /** Set when result is `error`: what the output says went wrong. */
  errorReason: ScanErrorReason | null;
}

export interface ParsedVersion {
  engineVersion: string | null;
  signatureVersion: string | null;
  /** The definitions the output names, where the scanner keeps its own (Defender); empty when it has none. */
  definitions?: DefinitionSet[];
}

/** What a scanner would load, read before any scan (scanner-status.ts turns it into a state). */
export interface Inspection {
  /** The program could be started. */
  installed: boolean;
  engineVersion: string | null;
  /** Where the definitions are read from; null where the scanner keeps its own. */
  definitionsPath: string | null;
  definitionsPathIsDefault: boolean;
  definitions: DefinitionSet[];
  /** A definitions file the scanner would refuse to load. */
  invalidFile: string | null;
  /** The scanner runs but its definitions could not be asked about. */
  unreadable: boolean;
  /** Commands run and what they printed. */
  detail: string[];
}

export interface InspectOptions {
  executable: string;
  /** The configured signature database, or ''. */
  database: string;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

/**
 * A scanner is configuration: the program, its argument template and a parser
 * for what it prints. Hoan runs it with execFile semantics (no shell), and the
 * only value from outside the profile is the medium path, checked beforehand.
 */
export interface ScannerProfile {
  id: ScannerProfileId;
  name: string;
  /** Accepted file names for a configured executable (compared case-insensitively). */
  executableNames: readonly string[];
  defaultExecutable(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string;
  scanArgs: readonly ArgTemplate[];
  /** How to ask for engine and signature versions; `executable` when it is another program. */
  versionCommand: { executable?: (platform: NodeJS.Platform, env: NodeJS.ProcessEnv) => string; args: readonly ArgTemplate[] } | null;
  usesDatabasePath: boolean;
  /** Names the configured database when the scanner's own version output does not (定義バージョン). */
  describeDatabase?(databasePath: string): string | null;
  parseScan(output: ScannerOutput): ParsedScan;
  parseVersion(stdout: string): ParsedVersion;
  /** A stdout line that reports one scanned file (for progress). */
  isFileLine(line: string): boolean;
  /** Whether the program is there and which definitions it would load. */
  inspect(options: InspectOptions): Promise<Inspection>;
}

/** Fills a template: `{target}` and `{database}` are the only placeholders. */
export function expandArgs(template: readonly ArgTemplate[], values: TemplateValues): string[] {
  const fill = (arg: string) => arg.replace(/\{(target|database)\}/g, (_, key: 'target' | 'database') => values[key]);
  return template.flatMap((t) => {
    if (typeof t === 'string') return [fill(t)];
    return values[t.ifSet] ? t.args.map(fill) : [];
  });
}

/** The last non-empty lines of a stream, for an error message. */
export function tailText(text: string, maxChars = 2000): string {
  const trimmed = text.trim();
  return trimmed.length > maxChars ? `…${trimmed.slice(-maxChars)}` : trimmed;
}
