/**
 * The type of what every figure function returns.
 *
 * @module
 */

/**
 * A DOM element as the figure helpers use it: a structural subset of `Element`, met by a browser's
 * elements and by linkedom's alike (baktadb needs no DOM type library).
 */
export interface FigureElement {
  /** The tag name (upper case for HTML elements in an HTML document, `svg` for SVG). */
  readonly tagName: string;
  /** The node type (1 for elements, 3 for text). */
  readonly nodeType: number;
  /** The text content. */
  readonly textContent: string | null;
  /** The markup of the element itself and its content. */
  readonly outerHTML: string;
  /** The markup of the content. */
  readonly innerHTML: string;
  /** The child nodes, text nodes included. */
  readonly childNodes: ArrayLike<FigureElement>;
  /** The child elements. */
  readonly children: ArrayLike<FigureElement>;
  /** The first child node. */
  readonly firstChild: FigureElement | null;
  /** The document the element belongs to. */
  readonly ownerDocument: {
    createElementNS(namespace: string, name: string): FigureElement;
  };
  /** Returns an attribute's value, or `null`. */
  getAttribute(name: string): string | null;
  /** Sets an attribute. */
  setAttribute(name: string, value: string): void;
  /** Removes an attribute. */
  removeAttribute(name: string): void;
  /** Copies the node. */
  cloneNode(deep?: boolean): FigureElement;
  /** Inserts a node before a child. */
  insertBefore(node: FigureElement, child: FigureElement | null): FigureElement;
  /** Removes the node from its parent. */
  remove(): void;
  /** The descendants matching a CSS selector. */
  querySelectorAll(selector: string): ArrayLike<FigureElement>;
  /** The first descendant matching a CSS selector. */
  querySelector(selector: string): FigureElement | null;
}

/**
 * A rendered figure: Observable Plot's result, an `<svg>` element, or a `<figure>` element that
 * wraps a title, legends and the `<svg>`. It has Plot's `scale(name)` and, on every figure a
 * baktadb function returns, a `Symbol.for("Jupyter.display")` method so that a Deno Jupyter
 * notebook shows it as SVG.
 */
export interface PlotFigure extends FigureElement {
  /** Plot's description of a scale (`"x"`, `"y"`, `"color"`, `"fx"`…), or `undefined`. */
  scale(name: string): PlotScaleDescription | undefined;
}

/** What Plot's `figure.scale(name)` tells of a scale (the parts figures' tests read). */
export interface PlotScaleDescription {
  /** The scale type, e.g. `ordinal`, `linear`, `band`. */
  readonly type: string;
  /** The input values the scale maps: categories for ordinal scales, `[min, max]` for linear ones. */
  readonly domain: readonly unknown[];
  /** The range, where the scale has one. */
  readonly range?: readonly unknown[];
  /** The axis or legend label, where set. */
  readonly label?: string;
  /** Maps a value to pixels (position scales) or to a colour. */
  apply?(value: unknown): unknown;
}
