import { crc32, deflateRawSync } from 'node:zlib';

/**
 * One entry of a ZIP to write. Beyond its name and bytes, every field a hostile or broken ZIP may
 * get wrong can be set, for tests: the declared size, the checksum, the encryption flag, the
 * compressed bytes themselves.
 */
export interface ZipEntryInput {
  readonly name: string;
  readonly data: Buffer | string;
  /** Default `deflate`. */
  readonly method?: 'store' | 'deflate';
  /** The uncompressed size written in the headers, instead of the real one (a lying size). */
  readonly declaredSize?: number;
  /** The CRC-32 written in the headers, instead of the real one (a damaged entry). */
  readonly crc?: number;
  /** Sets the "encrypted" flag (traditional PKWARE encryption). */
  readonly encrypted?: boolean;
  /** The bytes written as the compressed data, instead of the real ones (a corrupt stream). */
  readonly compressed?: Buffer;
}

/**
 * A ZIP built byte by byte (PKWARE APPNOTE 6.3: local headers, central directory, end record),
 * every entry stamped 1 January 2025 so the same input gives the same bytes. The demo writes its
 * answers to access requests with it; tests also make the ZIPs no well-behaved writer would:
 * bombs, liars, traversals.
 */
export function writeZip(entries: readonly ZipEntryInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data, 'utf8');
    const method = entry.method === 'store' ? 0 : 8;
    const compressed = entry.compressed ?? (method === 8 ? deflateRawSync(data) : data);
    const name = Buffer.from(entry.name, 'utf8');
    const crc = entry.crc ?? crc32(data);
    const size = entry.declaredSize ?? data.length;
    const flags = 0x800 | (entry.encrypted ? 1 : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x5a21, 12); // 2025-01-01
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x5a21, 14);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
