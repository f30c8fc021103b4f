/** The report's building blocks: reading a path in the results, numbers, tables, skipped sections. */

/** Reads `path` inside `value`, or undefined. */
export const at = (value: unknown, ...path: ReadonlyArray<string | number>): unknown =>
  path.reduce<unknown>(
    (v, key) => (typeof v === "object" && v !== null ? (v as Record<string | number, unknown>)[key] : undefined),
    value,
  )

export const fmt = (value: unknown, digits = 2): string =>
  typeof value === "number" ? (Number.isInteger(value) ? value.toLocaleString("en-US") : value.toFixed(digits)) : "–"

export const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string =>
  [
    `| ${header.join(" | ")} |`,
    `| ${header.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ].join("\n")

export const skipped = (value: unknown): string | undefined => {
  const reason = at(value, "skipped")
  return typeof reason === "string" ? `_skipped: ${reason}_` : undefined
}
