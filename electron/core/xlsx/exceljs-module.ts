import type ExcelJS from 'exceljs';

/**
 * exceljs, loaded at the first workbook written rather than when the hosts
 * start: with what it pulls in (unzipper, jszip, archiver and their
 * polyfills) it is about 300 ms of module loading, a fifth of start-up's
 * budget (issue 15: first answer within 1.5 s; profiled with --cpu-prof),
 * and no screen's first request writes a workbook. Types come from the
 * `import type` above; a test keeps exceljs out of the hosts' start.
 */
export function exceljs(): typeof ExcelJS {
  return require('exceljs') as typeof ExcelJS;
}
