/**
 * Comparing a figure's rendering with its PNG reference, pixel by pixel: both PNGs are decoded by
 * resvg (each drawn as an `<image>` into an SVG of its own size), so that a reference a person
 * looked at once keeps guarding the figure; a tolerance allows for anti-aliasing and font hinting.
 *
 * @module
 */

import { Resvg } from "@resvg/resvg-js";

/** A decoded image: RGBA bytes, row by row. */
export interface Pixels {
  /** Width in px. */
  width: number;
  /** Height in px. */
  height: number;
  /** RGBA, 4 bytes per pixel. */
  rgba: Uint8Array;
}

/** The width and height a PNG's IHDR chunk states. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.length < 24 || signature.some((b, i) => png[i] !== b)) {
    throw new TypeError("Cannot decode PNG: the bytes do not start with the PNG signature");
  }
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Decodes a PNG with resvg: the PNG drawn 1:1 as an image into an SVG of its size. */
export function decodePng(png: Uint8Array): Pixels {
  const { width, height } = pngSize(png);
  let binary = "";
  for (let i = 0; i < png.length; i += 0x8000) {
    binary += String.fromCharCode(...png.subarray(i, i + 0x8000));
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}"><image width="${width}" height="${height}" xlink:href="data:image/png;base64,${
      btoa(binary)
    }"/></svg>`;
  const image = new Resvg(svg, { logLevel: "off" }).render();
  return { width: image.width, height: image.height, rgba: new Uint8Array(image.pixels) };
}

/** How two images differ: the share of pixels whose colour moved by more than `threshold`. */
export interface PixelDifference {
  /** Pixels compared. */
  pixels: number;
  /** Pixels where some channel differs by more than the threshold. */
  changed: number;
  /** `changed / pixels`. */
  share: number;
}

/**
 * Compares two decoded images of the same size.
 *
 * @param a One image.
 * @param b The other.
 * @param threshold The largest difference of a channel (0–255) that counts as unchanged.
 * @returns The difference.
 * @throws {RangeError} When the sizes differ.
 */
export function pixelDifference(a: Pixels, b: Pixels, threshold = 48): PixelDifference {
  if (a.width !== b.width || a.height !== b.height) {
    throw new RangeError(
      `Cannot compare images of ${a.width}x${a.height} and ${b.width}x${b.height} px`,
    );
  }
  let changed = 0;
  for (let i = 0; i < a.rgba.length; i += 4) {
    for (let c = 0; c < 4; c++) {
      if (Math.abs(a.rgba[i + c] - b.rgba[i + c]) > threshold) {
        changed++;
        break;
      }
    }
  }
  const pixels = a.width * a.height;
  return { pixels, changed, share: changed / pixels };
}

/** The share of pixels a rendering may differ from its PNG reference by (anti-aliasing, hinting). */
export const PNG_TOLERANCE = 0.002;

/**
 * Renders a figure and compares it with its PNG reference; throws when more than
 * {@linkcode PNG_TOLERANCE} of the pixels moved, writing the new rendering beside the system's
 * temporary files for a person to look at.
 *
 * @param name The snapshot name (for the message).
 * @param reference The reference PNG's bytes.
 * @param rendered The new rendering's PNG bytes.
 */
export async function assertPngMatches(
  name: string,
  reference: Uint8Array,
  rendered: Uint8Array,
): Promise<void> {
  const a = decodePng(reference);
  const b = decodePng(rendered);
  const sameSize = a.width === b.width && a.height === b.height;
  const diff = sameSize ? pixelDifference(a, b) : undefined;
  if (diff !== undefined && diff.share <= PNG_TOLERANCE) return;
  const path = await Deno.makeTempFile({ prefix: `${name}-`, suffix: ".png" });
  await Deno.writeFile(path, rendered);
  throw new Error(
    `The rendering of ${name} differs from its PNG reference: ${
      diff === undefined
        ? `${b.width}x${b.height} px instead of ${a.width}x${a.height}`
        : `${(100 * diff.share).toFixed(2)}% of the pixels changed (tolerance ${
          100 * PNG_TOLERANCE
        }%)`
    }; the new rendering is ${path} (look at it; run with UPDATE_SNAPSHOTS=1 after an intended change)`,
  );
}
