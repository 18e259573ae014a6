/**
 * Convolution and pooling geometry shared by Tessera's kernels, taken from tfjs-core's own
 * `computeConv2DInfo` / `computePool2DInfo` so that padding ('same', 'valid', explicit) and
 * rounding follow exactly the forward kernels they differentiate. Data is NHWC throughout;
 * kernels that accept NCHW convert at their boundary with {@link toNHWC} / {@link toNCHW}.
 */
import * as tf from '../tf.js';

/** Sizes of a 2-D convolution or pooling window, all NHWC. */
export interface Geometry {
  batch: number;
  inH: number;
  inW: number;
  inC: number;
  outH: number;
  outW: number;
  /** Output channels (inC * multiplier for depthwise; inC for pooling). */
  outC: number;
  kH: number;
  kW: number;
  strideH: number;
  strideW: number;
  dilationH: number;
  dilationW: number;
  padTop: number;
  padLeft: number;
  /** Whether the caller's tensors are NCHW (the geometry itself is always NHWC). */
  channelsFirst: boolean;
}

function fromConvInfo(info: tf.backend_util.Conv2DInfo): Geometry {
  return {
    batch: info.batchSize,
    inH: info.inHeight,
    inW: info.inWidth,
    inC: info.inChannels,
    outH: info.outHeight,
    outW: info.outWidth,
    outC: info.outChannels,
    kH: info.filterHeight,
    kW: info.filterWidth,
    strideH: info.strideHeight,
    strideW: info.strideWidth,
    dilationH: info.dilationHeight,
    dilationW: info.dilationWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
    channelsFirst: info.dataFormat === 'channelsFirst',
  };
}

type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
type Rounding = 'floor' | 'round' | 'ceil' | undefined;

/** Geometry of a Conv2D (or, with `depthwise`, a DepthwiseConv2dNative) forward pass. */
export function convGeometry(
  xShape: number[],
  filterShape: number[],
  attrs: tf.NamedAttrMap,
  depthwise: boolean,
): Geometry {
  const dataFormat = (attrs.dataFormat as 'NHWC' | 'NCHW' | undefined) ?? 'NHWC';
  const dilations = (attrs.dilations as number | [number, number] | undefined) ?? 1;
  return fromConvInfo(
    tf.backend_util.computeConv2DInfo(
      xShape as [number, number, number, number],
      filterShape as [number, number, number, number],
      attrs.strides as number | [number, number],
      dilations,
      attrs.pad as Pad,
      attrs.dimRoundingMode as Rounding,
      depthwise,
      tf.backend_util.convertConv2DDataFormat(dataFormat),
    ),
  );
}

/** Geometry of an AvgPool / MaxPool forward pass (pooling kernels are NHWC only). */
export function poolGeometry(xShape: number[], attrs: tf.NamedAttrMap): Geometry {
  return fromConvInfo(
    tf.backend_util.computePool2DInfo(
      xShape as [number, number, number, number],
      attrs.filterSize as number | [number, number],
      attrs.strides as number | [number, number],
      1,
      attrs.pad as Pad,
      attrs.dimRoundingMode as Rounding,
    ),
  );
}

/** Copies an NCHW array into a new NHWC one. */
export function toNHWC(src: Float32Array, n: number, c: number, h: number, w: number): Float32Array {
  const out = new Float32Array(src.length);
  const hw = h * w;
  for (let b = 0; b < n; b++) {
    for (let ch = 0; ch < c; ch++) {
      const s = (b * c + ch) * hw;
      let o = b * hw * c + ch;
      for (let p = 0; p < hw; p++, o += c) out[o] = src[s + p] as number;
    }
  }
  return out;
}

/** Copies an NHWC array into `out` (NCHW). */
export function toNCHW(src: Float32Array, n: number, c: number, h: number, w: number, out: Float32Array): void {
  const hw = h * w;
  for (let b = 0; b < n; b++) {
    for (let ch = 0; ch < c; ch++) {
      const o = (b * c + ch) * hw;
      let s = b * hw * c + ch;
      for (let p = 0; p < hw; p++, s += c) out[o + p] = src[s] as number;
    }
  }
}
