/**
 * The drawing primitives of the SVG renderer: an element tree and a
 * serializer whose output is the same bytes for the same picture.
 */

/** Fixed formatting: at most two decimals, no exponent, never `-0`. */
export const num = (n: number): string => {
  const rounded = Math.round(n * 100) / 100
  return Object.is(rounded, -0) ? "0" : String(rounded)
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")

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
  const indent = "  ".repeat(depth)
  const attributes = Object.entries(element.attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${typeof value === "number" ? num(value) : escapeXml(value)}"`)
    .join("")
  const open = `${indent}<${element.name}${attributes}`
  if (typeof element.content === "string") return [`${open}>${escapeXml(element.content)}</${element.name}>`]
  if (element.content.length === 0) return [`${open} />`]
  return [`${open}>`, ...element.content.flatMap((child) => serialize(child, depth + 1)), `${indent}</${element.name}>`]
}
