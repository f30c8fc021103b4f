/**
 * Just enough Markdown for the docs checker: fenced code blocks and link
 * targets, each with the line it starts on.
 */

/** A fenced code block. */
export interface CodeBlock {
  /** 1-based line of the opening fence. */
  readonly line: number
  /** The whole info string after the fence, trimmed: `ts no-run`. */
  readonly info: string
  /** The first word of the info string, lower-cased: `ts`. */
  readonly lang: string
  /** The other words of the info string: `["no-run"]`. */
  readonly flags: ReadonlyArray<string>
  /** The lines between the fences, the fence's indentation removed, joined by "\n". */
  readonly code: string
}

/** What {@link parseMarkdown} finds in one file. */
export interface ParsedMarkdown {
  readonly blocks: ReadonlyArray<CodeBlock>
  /** Opening fences that are never closed, by line. */
  readonly unclosed: ReadonlyArray<number>
  /** The text outside code blocks, same line count, code lines blanked. */
  readonly prose: ReadonlyArray<string>
}

const OPENING = /^( *)(`{3,}|~{3,})\s*([^`]*?)\s*$/

/**
 * Splits Markdown into fenced code blocks and the prose around them.
 *
 * @example
 * ```ts
 * parseMarkdown("text\n```ts no-run\nconst a = 1\n```\n").blocks
 * // [{ line: 2, info: "ts no-run", lang: "ts", flags: ["no-run"], code: "const a = 1" }]
 * ```
 */
export const parseMarkdown = (text: string): ParsedMarkdown => {
  const lines = text.split(/\r?\n/)
  const blocks: Array<CodeBlock> = []
  const unclosed: Array<number> = []
  const prose = [...lines]
  for (let i = 0; i < lines.length; i++) {
    const open = OPENING.exec(lines[i]!)
    if (open === null) continue
    const [, indent, fence, info] = open as unknown as [string, string, string, string]
    const closing = new RegExp(`^ *${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`)
    let end = i + 1
    while (end < lines.length && !closing.test(lines[end]!)) end++
    const body = lines.slice(i + 1, end).map((line) =>
      line.startsWith(indent) ? line.slice(indent.length) : line.trimStart()
    )
    const [lang = "", ...flags] = info.split(/\s+/).filter((word) => word !== "")
    blocks.push({ line: i + 1, info, lang: lang.toLowerCase(), flags, code: body.join("\n") })
    if (end === lines.length) unclosed.push(i + 1)
    for (let j = i; j <= end && j < lines.length; j++) prose[j] = ""
    i = end
  }
  return { blocks, unclosed, prose }
}

/** A link target found in prose. */
export interface LinkTarget {
  readonly line: number
  readonly target: string
}

const INLINE = /\]\(\s*(<[^>\n]*>|[^)\s]+)/g
const REFERENCE = /^ {0,3}\[[^\]]+\]:\s*(<[^>\n]*>|\S+)/
const HTML = /\b(?:src|href)\s*=\s*"([^"]*)"/g

/**
 * Every link and image target in the prose (`[a](b)`, `![a](b)`, `[a]: b`,
 * `src="b"`, `href="b"`), skipping code blocks and inline code.
 */
export const linkTargets = (prose: ReadonlyArray<string>): Array<LinkTarget> => {
  const found: Array<LinkTarget> = []
  prose.forEach((raw, i) => {
    const line = raw.replace(/(`+)[^`]*?\1/g, "")
    const targets = [
      ...[...line.matchAll(INLINE)].map((m) => m[1]!),
      ...[...line.matchAll(HTML)].map((m) => m[1]!),
      ...(REFERENCE.exec(line)?.slice(1) ?? []),
    ]
    for (const target of targets) found.push({ line: i + 1, target: target.replace(/^<|>$/g, "") })
  })
  return found
}

/**
 * The file a link points to, relative to the linking file's directory (or to
 * the root for `/path`), or `undefined` for URLs, `mailto:` and `#anchors`.
 */
export const localPath = (target: string): string | undefined => {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//") || target.startsWith("#")) return undefined
  const path = target.replace(/[?#].*$/, "")
  if (path === "") return undefined
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}
