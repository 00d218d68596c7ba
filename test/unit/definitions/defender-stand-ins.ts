import fs from 'node:fs';
import path from 'node:path';

/**
 * Stand-ins for powershell.exe and MpCmdRun.exe on machines without Windows:
 * real programs (Node scripts run through their #! line) placed where Hoan
 * looks for the real ones. Each call prints the next recorded reply (the
 * last one repeats) and records its arguments, plus the files it found in
 * any folder it was given (MpCmdRun's staging folder is gone once it returns).
 */
export interface Reply {
  stdout?: string;
  stderr?: string;
  exitCode?: number;
  /** Wait this long before answering (a hung program, for the timeout). */
  sleepMs?: number;
}

export interface Call {
  argv: string[];
  /** For each argument that was a folder: its files (relative path, forward slashes) and their sha256. */
  folders: Record<string, Record<string, string>>;
}

export interface StandIn {
  path: string;
  calls(): Call[];
}

const SCRIPT = `
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const self = process.argv[1];
const plan = JSON.parse(fs.readFileSync(self + '.plan.json', 'utf8'));
const log = self + '.calls.json';
const calls = fs.existsSync(log) ? JSON.parse(fs.readFileSync(log, 'utf8')) : [];
const argv = process.argv.slice(2);
const folders = {};
const walk = (root, dir, out) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(root, p, out);
    else out[path.relative(root, p).split(path.sep).join('/')] = crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
  }
};
for (const a of argv) {
  if (fs.statSync(a, { throwIfNoEntry: false })?.isDirectory()) walk(a, a, (folders[a] = {}));
}
calls.push({ argv, folders });
fs.writeFileSync(log, JSON.stringify(calls));
const reply = plan[Math.min(calls.length, plan.length) - 1] || {};
setTimeout(() => {
  if (reply.stdout) process.stdout.write(reply.stdout);
  if (reply.stderr) process.stderr.write(reply.stderr);
  process.exitCode = reply.exitCode || 0;
}, reply.sleepMs || 0);
`;

export function installStandIn(file: string, replies: Reply[]): StandIn {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `#!${process.execPath}\n${SCRIPT}`, { mode: 0o755 });
  fs.writeFileSync(`${file}.plan.json`, JSON.stringify(replies));
  return {
    path: file,
    calls: () => (fs.existsSync(`${file}.calls.json`) ? (JSON.parse(fs.readFileSync(`${file}.calls.json`, 'utf8')) as Call[]) : []),
  };
}

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'defender');

/** A recorded output, byte for byte. */
export function recorded(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/**
 * A file that starts like a Windows program for `machine` (0x8664 x64, 0x014C
 * x86, 0xAA64 ARM64): MS-DOS header, PE signature at 0x80, COFF header, then
 * `body` bytes standing in for the package's cabinet.
 */
export function writePe(file: string, machine: number, body = 'mpam-fe payload'): string {
  const header = Buffer.alloc(0x80 + 24);
  header.write('MZ', 0, 'latin1');
  header.writeUInt32LE(0x80, 0x3c);
  header.write('PE\0\0', 0x80, 'latin1');
  header.writeUInt16LE(machine, 0x84);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.concat([header, Buffer.from(body)]));
  return file;
}
