import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildClamContainer } from './media-fixture';

/**
 * A sigtool-built container as sigtool would have built it at `builtAt`, for
 * tests that run Hoan on the real clock (the built CLI, the web host). The
 * build time lives twice: in the 512-byte header and in `<name>.info` inside
 * the gzipped tar, and libclamav refuses a container whose two disagree
 * ("Corrupted CVD header"). So the tar is unpacked, the .info's first line
 * given the new time, packed again with GNU tar, and the header rewritten
 * with the new body's MD5, as sigtool --build writes it.
 */
export function buildAgedClamContainer(dir: string, builtAt: Date, options: { name?: string; version?: number } = {}): string {
  const name = options.name ?? 'daily';
  const built = buildClamContainer(dir, options);
  const bytes = fs.readFileSync(built);
  const work = fs.mkdtempSync(path.join(dir, '.age-'));
  execFileSync('tar', ['-xzf', '-', '-C', work], { input: bytes.subarray(512) });
  const seconds = Math.floor(builtAt.getTime() / 1000);
  const text = timeText(builtAt);
  const retime = (line: string) => {
    const parts = line.trimEnd().split(':');
    parts[1] = text;
    parts[8] = String(seconds);
    return parts.join(':');
  };
  const infoFile = path.join(work, `${name}.info`);
  const [first, ...rest] = fs.readFileSync(infoFile, 'latin1').split('\n');
  fs.writeFileSync(infoFile, [retime(first!), ...rest].join('\n'), 'latin1');
  const members = fs.readdirSync(work).sort((a, b) => (a === 'COPYING' ? -1 : b === 'COPYING' ? 1 : a.localeCompare(b)));
  const body = execFileSync('tar', ['-czf', '-', '--owner=0', '--group=0', '--numeric-owner', '-C', work, ...members]);
  const header = retime(bytes.subarray(0, 512).toString('latin1')).split(':');
  header[5] = createHash('md5').update(body).digest('hex');
  fs.writeFileSync(built, Buffer.concat([Buffer.from(header.join(':').padEnd(512, ' '), 'latin1'), body]));
  fs.rmSync(work, { recursive: true, force: true });
  return built;
}

/** sigtool's `%d %b %Y %H-%M %z`, in UTC. */
function timeText(d: Date): string {
  const month = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())} ${month} ${d.getUTCFullYear()} ${two(d.getUTCHours())}-${two(d.getUTCMinutes())} +0000`;
}
