import fs from 'node:fs';

/**
 * Which processor a Windows program is built for: the Machine field of its
 * PE header (Microsoft's "PE Format" specification).
 *
 *   offset 0x00  "MZ"                  the MS-DOS header's signature
 *   offset 0x3C  e_lfanew (uint32 LE)  where the PE signature is
 *   e_lfanew     "PE\0\0"              the PE signature
 *   e_lfanew+4   Machine (uint16 LE)   0x8664 x64, 0x014C x86, 0xAA64 ARM64
 *
 * Read by hand on purpose: Hoan needs these two fields of a file that may be
 * 200 MB and comes from a medium, and nothing else. A PE library would parse
 * sections and resources Hoan never looks at; here there are two reads, of
 * 64 and 6 bytes, at an offset checked against the file's size first.
 * Whether the package is Microsoft's is not decided here: Defender verifies
 * the package's signature itself when it applies it.
 */
export type WindowsArch = 'x64' | 'x86' | 'arm64';

const MACHINES: Record<number, WindowsArch> = { 0x8664: 'x64', 0x014c: 'x86', 0xaa64: 'arm64' };

export type PeMachine =
  | { ok: true; machine: number; arch: WindowsArch | null }
  /** Why the file is not a PE program: `short`, `no_mz`, `bad_offset`, `no_pe`. */
  | { ok: false; reason: 'short' | 'no_mz' | 'bad_offset' | 'no_pe' };

export function readPeMachine(file: string): PeMachine {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const dos = Buffer.alloc(64);
    if (fs.readSync(fd, dos, 0, 64, 0) < 64) return { ok: false, reason: 'short' };
    if (dos.toString('latin1', 0, 2) !== 'MZ') return { ok: false, reason: 'no_mz' };
    const peOffset = dos.readUInt32LE(0x3c);
    // The PE signature and the COFF header (20 bytes) must fit in the file.
    if (peOffset < 4 || peOffset + 24 > size) return { ok: false, reason: 'bad_offset' };
    const pe = Buffer.alloc(6);
    if (fs.readSync(fd, pe, 0, 6, peOffset) < 6) return { ok: false, reason: 'short' };
    if (pe.toString('latin1', 0, 4) !== 'PE\0\0') return { ok: false, reason: 'no_pe' };
    const machine = pe.readUInt16LE(4);
    return { ok: true, machine, arch: MACHINES[machine] ?? null };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The laptop's architecture as Windows reports it. A 32-bit process on 64-bit
 * Windows sees PROCESSOR_ARCHITECTURE=x86 and the real one in
 * PROCESSOR_ARCHITEW6432; Defender's own architecture is the system's.
 */
export function windowsArch(env: NodeJS.ProcessEnv, nodeArch: string = process.arch): WindowsArch | null {
  const reported = (env.PROCESSOR_ARCHITEW6432 ?? env.PROCESSOR_ARCHITECTURE ?? '').toUpperCase();
  if (reported === 'AMD64') return 'x64';
  if (reported === 'X86') return 'x86';
  if (reported === 'ARM64') return 'arm64';
  if (reported) return null;
  return nodeArch === 'x64' ? 'x64' : nodeArch === 'ia32' ? 'x86' : nodeArch === 'arm64' ? 'arm64' : null;
}
