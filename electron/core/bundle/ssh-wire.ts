/**
 * The SSH wire encoding (RFC 4251 §5) that OpenSSH public keys and SSHSIG
 * signatures are made of: uint32 big-endian lengths before byte strings.
 */
export function sshString(value: Buffer | string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

export function sshUint32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value);
  return b;
}

/** Reads SSH wire fields in order; every read is bounds-checked and throws on short input. */
export class WireReader {
  private offset = 0;
  constructor(private readonly buf: Buffer) {}

  bytes(n: number): Buffer {
    if (n < 0 || this.offset + n > this.buf.length) throw new Error('ssh wire: truncated');
    const out = this.buf.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  uint32(): number {
    return this.bytes(4).readUInt32BE(0);
  }

  string(): Buffer {
    return this.bytes(this.uint32());
  }

  text(): string {
    return this.string().toString('utf8');
  }

  get done(): boolean {
    return this.offset === this.buf.length;
  }
}
