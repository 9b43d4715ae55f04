/**
 * The shared headless DOM that figures render into outside a browser.
 *
 * @module
 */

import { parseHTML } from "../deps/linkedom.ts";

/**
 * The part of a DOM `Document` that Observable Plot and the figure helpers use: a structural type,
 * so that baktadb needs no DOM type library (a browser `document` and a linkedom one both fit).
 */
export interface PlotDocument {
  /** Creates an HTML element. */
  createElement(tagName: string): unknown;
  /** Creates an element in a namespace (SVG elements). */
  createElementNS(namespace: string | null, qualifiedName: string): unknown;
  /** Creates a text node. */
  createTextNode(data: string): unknown;
  /** The root element. */
  readonly documentElement: unknown;
}

/**
 * What baktadb uses of a linkedom window. linkedom declares `parseHTML`'s result as the browser's
 * `Window`, whose `document` and `DOMParser` Deno's type library lacks; {@linkcode headlessWindow}
 * checks for them instead of casting.
 */
interface HeadlessWindow {
  readonly document: PlotDocument;
  readonly DOMParser: new () => {
    parseFromString(text: string, type: string): ParsedMarkup;
  };
}

/**
 * linkedom's window of an HTML text, its `document` and `DOMParser` checked (read with `Reflect`:
 * the window is a proxy that answers property reads but not `in`).
 */
function headlessWindow(html: string): HeadlessWindow {
  const window = parseHTML(html);
  const document: unknown = Reflect.get(window, "document");
  const DOMParser: unknown = Reflect.get(window, "DOMParser");
  if (!isPlotDocument(document) || !isParserClass(DOMParser)) {
    throw new TypeError("Cannot make a headless document: linkedom returned no document");
  }
  return { document, DOMParser };
}

function isPlotDocument(value: unknown): value is PlotDocument {
  return typeof value === "object" && value !== null &&
    "createElementNS" in value && typeof value.createElementNS === "function";
}

function isParserClass(value: unknown): value is HeadlessWindow["DOMParser"] {
  return typeof value === "function";
}

let shared: PlotDocument | undefined;

/**
 * Returns the shared linkedom document that every figure renders into unless a `document` option
 * is given; it is created on the first call and reused afterwards.
 *
 * @returns A headless DOM document.
 *
 * @example Figures render into the same document
 * ```ts
 * import { plotDocument } from "./dom.ts";
 * import assert from "node:assert/strict";
 *
 * const doc = plotDocument();
 * assert.equal(doc, plotDocument());
 * ```
 */
export function plotDocument(): PlotDocument {
  if (shared === undefined) {
    shared = headlessWindow("<!DOCTYPE html><html><head></head><body></body></html>").document;
  }
  return shared;
}

/**
 * Parses markup into a new linkedom document (used to read saved SVG back, e.g. in tests).
 *
 * @param markup The SVG or XML text.
 * @param mimeType The type to parse as.
 * @returns The parsed document, typed structurally.
 *
 * @example Reading an SVG back
 * ```ts
 * import { parseMarkup } from "./dom.ts";
 * import assert from "node:assert/strict";
 *
 * const doc = parseMarkup('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>');
 * assert.equal(doc.documentElement.getAttribute("xmlns"), "http://www.w3.org/2000/svg");
 * ```
 */
export function parseMarkup(
  markup: string,
  mimeType: "image/svg+xml" | "text/xml" | "text/html" = "image/svg+xml",
): ParsedMarkup {
  const { DOMParser } = headlessWindow("<html></html>");
  return new DOMParser().parseFromString(markup, mimeType);
}

/** A parsed document, as returned by {@linkcode parseMarkup}. */
export interface ParsedMarkup {
  /** The root element. */
  readonly documentElement: MarkupElement;
  /** All elements matching a CSS selector. */
  querySelectorAll(selector: string): ArrayLike<MarkupElement>;
}

/** An element of a {@linkcode ParsedMarkup} document. */
export interface MarkupElement {
  /** The tag name. */
  readonly tagName: string;
  /** The text content. */
  readonly textContent: string | null;
  /** Returns an attribute's value, or `null`. */
  getAttribute(name: string): string | null;
  /** All descendant elements matching a CSS selector. */
  querySelectorAll(selector: string): ArrayLike<MarkupElement>;
}
