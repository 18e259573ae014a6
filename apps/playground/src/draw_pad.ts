/**
 * A canvas to draw a digit on, and the conversion of the drawing to what the model was trained
 * on: MNIST's recipe (the digit's bounding box scaled to fit 20x20, placed in 28x28 with its
 * centre of mass at the centre, white on black, 0..1).
 */

const SIDE = 28;
const BOX = 20;

/**
 * Converts grey levels of a `width` x `height` drawing (0 = background) to an MNIST-like 28x28
 * image, or null when nothing is drawn.
 *
 * @example
 * ```ts
 * const x = toMnist(grey, 280, 280); // Float32Array(784) in 0..1, or null
 * ```
 */
export function toMnist(grey: Uint8ClampedArray | Uint8Array, width: number, height: number): Float32Array | null {
  if (grey.length !== width * height) throw new Error(`toMnist: grey has ${grey.length} values, expected ${width}x${height} = ${width * height}`);
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (grey[y * width + x]! > 16) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  if (x1 < 0) return null;
  const bw = x1 - x0 + 1;
  const bh = y1 - y0 + 1;
  const scale = BOX / Math.max(bw, bh);
  const dw = Math.max(1, Math.round(bw * scale));
  const dh = Math.max(1, Math.round(bh * scale));
  const ox = Math.floor((SIDE - dw) / 2);
  const oy = Math.floor((SIDE - dh) / 2);

  // Box-filter the bounding box down to dw x dh (nearest sample when the drawing is tiny).
  const sum = new Float64Array(dw * dh);
  const count = new Float64Array(dw * dh);
  if (scale <= 1) {
    for (let y = y0; y <= y1; y++) {
      const ty = Math.min(dh - 1, Math.floor((y - y0) * scale));
      for (let x = x0; x <= x1; x++) {
        const t = ty * dw + Math.min(dw - 1, Math.floor((x - x0) * scale));
        sum[t]! += grey[y * width + x]!;
        count[t]! += 1;
      }
    }
  } else {
    for (let ty = 0; ty < dh; ty++) {
      for (let tx = 0; tx < dw; tx++) {
        const sx = Math.min(x1, x0 + Math.floor((tx + 0.5) / scale));
        const sy = Math.min(y1, y0 + Math.floor((ty + 0.5) / scale));
        sum[ty * dw + tx] = grey[sy * width + sx]!;
        count[ty * dw + tx] = 1;
      }
    }
  }
  const img = new Float32Array(SIDE * SIDE);
  for (let ty = 0; ty < dh; ty++) {
    for (let tx = 0; tx < dw; tx++) {
      const t = ty * dw + tx;
      img[(oy + ty) * SIDE + ox + tx] = count[t]! ? sum[t]! / count[t]! / 255 : 0;
    }
  }

  // Shift the centre of mass to the centre, as MNIST did.
  let m = 0, mx = 0, my = 0;
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const v = img[y * SIDE + x]!;
      m += v;
      mx += v * x;
      my += v * y;
    }
  }
  const dx = Math.round((SIDE - 1) / 2 - mx / m);
  const dy = Math.round((SIDE - 1) / 2 - my / m);
  const out = new Float32Array(SIDE * SIDE);
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const sx = x - dx;
      const sy = y - dy;
      if (sx >= 0 && sx < SIDE && sy >= 0 && sy < SIDE) out[y * SIDE + x] = img[sy * SIDE + sx]!;
    }
  }
  return out;
}

/**
 * The drawing pad: white strokes on black, drawn with a mouse, pen or finger (pointer events).
 * `onDrawn` runs when a stroke ends.
 *
 * @example
 * ```ts
 * const pad = new DrawPad(byId('draw-pad'), byId('draw-preview'), () => predictDrawing());
 * pad.image(); // Float32Array(784) or null
 * ```
 */
export class DrawPad {
  private readonly ctx: CanvasRenderingContext2D;
  private drawing = false;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly preview: HTMLCanvasElement,
    onDrawn: () => void,
  ) {
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('DrawPad: no 2D canvas context');
    this.ctx = ctx;
    this.clear();
    const at = (e: PointerEvent): [number, number] => {
      const r = canvas.getBoundingClientRect();
      return [((e.clientX - r.left) * canvas.width) / r.width, ((e.clientY - r.top) * canvas.height) / r.height];
    };
    canvas.addEventListener('pointerdown', (e) => {
      this.drawing = true;
      canvas.setPointerCapture(e.pointerId);
      const [x, y] = at(e);
      this.ctx.beginPath();
      this.ctx.moveTo(x, y);
      this.ctx.lineTo(x, y);
      this.ctx.stroke();
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!this.drawing) return;
      const [x, y] = at(e);
      this.ctx.lineTo(x, y);
      this.ctx.stroke();
    });
    const end = () => {
      if (!this.drawing) return;
      this.drawing = false;
      onDrawn();
    };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
  }

  /** Blanks the pad and the preview. */
  clear(): void {
    this.ctx.fillStyle = '#000';
    this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    this.ctx.strokeStyle = '#fff';
    this.ctx.lineWidth = this.canvas.width / 12;
    this.ctx.lineCap = 'round';
    this.ctx.lineJoin = 'round';
    this.preview.getContext('2d')?.clearRect(0, 0, this.preview.width, this.preview.height);
  }

  /** The drawing as a 28x28 MNIST-like image (also shown in the preview), or null if blank. */
  image(): Float32Array | null {
    const { width, height } = this.canvas;
    const rgba = this.ctx.getImageData(0, 0, width, height).data;
    const grey = new Uint8ClampedArray(width * height);
    for (let i = 0; i < grey.length; i++) grey[i] = rgba[i * 4]!;
    const img = toMnist(grey, width, height);
    const pctx = this.preview.getContext('2d');
    if (img && pctx) {
      const data = pctx.createImageData(SIDE, SIDE);
      img.forEach((v, i) => {
        data.data.set([v * 255, v * 255, v * 255, 255], i * 4);
      });
      pctx.putImageData(data, 0, 0);
    }
    return img;
  }
}
