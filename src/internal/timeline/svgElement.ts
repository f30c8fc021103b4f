/**
 * The drawing primitives of the SVG renderer: an element tree and a
 * serializer whose output is the same bytes for the same picture.
 */

/** Fixed formatting: at most two decimals, no exponent, never `-0`. */
export const num = (n: number): string => {
  const rounded = Math.round(n * 100) / 100
  return Object.is(rounded, -0) ? "0" : String(rounded)
}

const XML_SPECIAL = /[&<>"]/

const escapeXml = (text: string): string =>
  // Most labels have nothing to escape: one test instead of four replacements (a 200-task picture has ~2,000 texts).
  XML_SPECIAL.test(text)
    ? text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
    : text

/** An SVG element: attributes in the order written, then text or children. */
export interface Element {
  readonly name: string
  readonly attributes: Readonly<Record<string, string | number | undefined>>
  readonly content: string | ReadonlyArray<Element>
}

export const el = (
  name: string,
  attributes: Element["attributes"],
  content: Element["content"] = [],
): Element => ({ name, attributes, content })

/**
 * One element per line, children indented by two spaces, `<empty />` tags:
 * the layout `deno fmt` gives SVG, so formatting a committed picture does not
 * change it.
 */
export const serialize = (element: Element, depth = 0): Array<string> => {
  const lines: Array<string> = []
  write(element, "  ".repeat(depth), lines)
  return lines
}

/** Appends `element`'s lines to `lines`: one array for the whole picture, no copies per level. */
const write = (element: Element, indent: string, lines: Array<string>): void => {
  let open = `${indent}<${element.name}`
  const attributes = element.attributes
  for (const key of Object.keys(attributes)) {
    const value = attributes[key]
    if (value !== undefined) open += ` ${key}="${typeof value === "number" ? num(value) : escapeXml(value)}"`
  }
  const content = element.content
  if (typeof content === "string") {
    lines.push(`${open}>${escapeXml(content)}</${element.name}>`)
  } else if (content.length === 0) {
    lines.push(`${open} />`)
  } else {
    lines.push(`${open}>`)
    const inner = `${indent}  `
    for (const child of content) write(child, inner, lines)
    lines.push(`${indent}</${element.name}>`)
  }
}
