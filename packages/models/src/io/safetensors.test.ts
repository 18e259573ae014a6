import { expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors, float32FromRaw, rawFromFloat32 } from '../index.js';

const bytesOf = (s: string): number[] => Array.from(new TextEncoder().encode(s));

it('decodes the example file from the safetensors reference documentation', () => {
  // "<\x00\x00\x00\x00\x00\x00\x00{"test":{"dtype":"I32","shape":[2,2],"data_offsets":[0,16]}}" + 16 zero bytes
  const header = '{"test":{"dtype":"I32","shape":[2,2],"data_offsets":[0,16]}}';
  expect(header.length).toBe(0x3c); // '<'
  const file = new Uint8Array([0x3c, 0, 0, 0, 0, 0, 0, 0, ...bytesOf(header), ...new Array(16).fill(0)]);
  const { tensors, metadata } = decodeSafetensors(file);
  expect(metadata).toEqual({});
  const t = tensors.get('test')!;
  expect([t.dtype, t.shape]).toEqual(['I32', [2, 2]]);
  expect(Array.from(float32FromRaw(t))).toEqual([0, 0, 0, 0]);
});

it('writes an 8-byte little-endian length, a space-padded JSON header aligned to 8, then the data', () => {
  const a = rawFromFloat32('a', [2], [1.5, -2], 'F32');
  const b = rawFromFloat32('b', [3], [1, 2, 255], 'U8');
  const c = rawFromFloat32('c', [1, 2], [0.5, 65504], 'F16');
  const bytes = encodeSafetensors([b, c, a], { framework: 'tessera' });
  const view = new DataView(bytes.buffer);
  const n = view.getUint32(0, true);
  expect(view.getUint32(4, true)).toBe(0);
  expect((8 + n) % 8).toBe(0);
  const json = new TextDecoder().decode(bytes.subarray(8, 8 + n));
  expect(json.startsWith('{')).toBe(true);
  expect(json.trimEnd().length).toBeGreaterThan(n - 8); // at most 7 spaces of padding
  const header = JSON.parse(json);
  // Largest elements first, then by name: every tensor aligned to its element size.
  expect(header.a).toEqual({ dtype: 'F32', shape: [2], data_offsets: [0, 8] });
  expect(header.c).toEqual({ dtype: 'F16', shape: [1, 2], data_offsets: [8, 12] });
  expect(header.b).toEqual({ dtype: 'U8', shape: [3], data_offsets: [12, 15] });
  expect(header.__metadata__).toEqual({ framework: 'tessera' });
  expect(bytes.byteLength).toBe(8 + n + 15);
  // Raw little-endian float32 of 1.5 is 00 00 c0 3f.
  expect(Array.from(bytes.subarray(8 + n, 8 + n + 4))).toEqual([0, 0, 0xc0, 0x3f]);
  const back = decodeSafetensors(bytes.buffer as ArrayBuffer);
  expect(Array.from(float32FromRaw(back.tensors.get('a')!))).toEqual([1.5, -2]);
  expect(Array.from(float32FromRaw(back.tensors.get('b')!))).toEqual([1, 2, 255]);
  expect(Array.from(float32FromRaw(back.tensors.get('c')!))).toEqual([0.5, 65504]);
  expect(back.metadata).toEqual({ framework: 'tessera' });
});

it('round-trips every dtype, scalars and empty tensors', () => {
  const ts = [
    rawFromFloat32('f64', [2], [Math.PI, -1e300], 'F64'),
    rawFromFloat32('bf16', [2], [1, -3.5], 'BF16'),
    rawFromFloat32('i64', [2], [-(2 ** 40), 7], 'I64'),
    rawFromFloat32('i32', [2], [-(2 ** 31), 2 ** 31 - 1], 'I32'),
    rawFromFloat32('i16', [2], [-32768, 32767], 'I16'),
    rawFromFloat32('i8', [2], [-128, 127], 'I8'),
    rawFromFloat32('bool', [2], [0, 1], 'BOOL'),
    rawFromFloat32('scalar', [], [42], 'F32'),
    rawFromFloat32('empty', [0, 3], [], 'F32'),
  ];
  const back = decodeSafetensors(encodeSafetensors(ts)).tensors;
  expect(Array.from(float32FromRaw(back.get('f64')!))).toEqual([Math.fround(Math.PI), -Infinity]);
  expect(Array.from(float32FromRaw(back.get('bf16')!))).toEqual([1, -3.5]);
  expect(Array.from(float32FromRaw(back.get('i64')!))).toEqual([-(2 ** 40), 7]);
  expect(Array.from(float32FromRaw(back.get('i32')!))).toEqual([-(2 ** 31), Math.fround(2 ** 31 - 1)]); // float32 reading
  expect(Array.from(float32FromRaw(back.get('i16')!))).toEqual([-32768, 32767]);
  expect(Array.from(float32FromRaw(back.get('i8')!))).toEqual([-128, 127]);
  expect(Array.from(float32FromRaw(back.get('bool')!))).toEqual([0, 1]);
  expect(back.get('scalar')!.shape).toEqual([]);
  expect(Array.from(float32FromRaw(back.get('scalar')!))).toEqual([42]);
  expect(back.get('empty')!.shape).toEqual([0, 3]);
});

it('rejects malformed files with a reason', () => {
  const good = encodeSafetensors([rawFromFloat32('w', [2], [1, 2], 'F32')]);
  expect(() => decodeSafetensors(good.subarray(0, 5))).toThrow(/starts with an 8-byte header length/);
  expect(() => decodeSafetensors(good.subarray(0, good.byteLength - 1))).toThrow(
    /the tensors cover 8 bytes of data but the file holds 7/,
  );
  const make = (header: string, data = 0): Uint8Array => {
    const h = bytesOf(header);
    const out = new Uint8Array(8 + h.length + data);
    new DataView(out.buffer).setUint32(0, h.length, true);
    out.set(h, 8);
    return out;
  };
  expect(() => decodeSafetensors(make('{"w":{"dtype":"F8","shape":[1],"data_offsets":[0,1]}}', 1))).toThrow(
    /'w' has dtype "F8"; supported/,
  );
  expect(() => decodeSafetensors(make('{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}', 4))).toThrow(
    "'w' F32 [2] needs 8 bytes but data_offsets span 4",
  );
  expect(() =>
    decodeSafetensors(
      make(
        '{"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},"b":{"dtype":"U8","shape":[2],"data_offsets":[1,3]}}',
        3,
      ),
    ),
  ).toThrow(/'b' starts at byte 1 of the data, expected 2/);
  expect(() => decodeSafetensors(make('{"w": [1, 2'))).toThrow(/the header is not UTF-8 JSON/);
  expect(() => decodeSafetensors(make('{"__metadata__":{"a":1}}'))).toThrow(/__metadata__\['a'\] must be a string/);
  const huge = new Uint8Array(16);
  new DataView(huge.buffer).setUint32(4, 1, true);
  expect(() => decodeSafetensors(huge)).toThrow(/exceeds the 100 MB limit/);
  expect(() => encodeSafetensors([rawFromFloat32('w', [1], [1], 'F32'), rawFromFloat32('w', [1], [1], 'F32')])).toThrow(
    /appears twice/,
  );
  expect(() => rawFromFloat32('q', [1], [300], 'I8')).toThrow("rawFromFloat32: 'q' value 300 at 0 does not fit I8");
});
