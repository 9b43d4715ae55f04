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
    const window = parseHTML(
      "<!DOCTYPE html><html><head></head><body></body></html>",
    ) as unknown as { document: PlotDocument };
    shared = window.document;
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
  const { DOMParser } = parseHTML("<html></html>") as unknown as {
    DOMParser: new () => { parseFromString(text: string, type: string): ParsedMarkup };
  };
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
