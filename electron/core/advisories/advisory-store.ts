import type { Core } from '../core';
import type { AdvisoryImportOptions, AdvisoryImportReport, AdvisoryText } from './advisory-types';

// PLACEHOLDER (issue 13 contract): helper `csaf-import` replaces the bodies, keeping the signatures.

/** Imports CSAF 2.0 files, folders (recursive) and ROLIE feed snapshots; one outcome per file. */
export async function importAdvisoryPaths(core: Core, paths: readonly string[], options: AdvisoryImportOptions = {}): Promise<AdvisoryImportReport> {
  void core;
  void paths;
  void options;
  throw new Error('importAdvisoryPaths: not implemented yet');
}

/** Imports documents already in memory (a verified bundle's entries, tests): the same checks and store as files. */
export async function importAdvisoryTexts(core: Core, texts: readonly AdvisoryText[], options: AdvisoryImportOptions = {}): Promise<AdvisoryImportReport> {
  void core;
  void texts;
  void options;
  throw new Error('importAdvisoryTexts: not implemented yet');
}
