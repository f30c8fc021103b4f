/**
 * The page's start check, without a database: a page starts while its runner
 * holds its lease (fresh, or due for a refresh: the end is fenced in the
 * database anyway), and is refused at once, never left waiting,
 * once another runner holds the shard. One read each time.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { type LeaseState, mayStart, ShardLeases } from "../../../src/internal/cluster/leases.ts"

/** Leases that answer `state`, counting the reads. */
const leasesAnswering = (state: LeaseState) => {
  let reads = 0
  const leases = ShardLeases.of({
    state: () => Effect.sync(() => (reads++, state)),
  })
  return { leases, reads: () => reads }
}

const check = (leases: ShardLeases["Type"]) =>
  mayStart({ leases, shard: "default:7", runner: "127.0.0.1:1", what: "page 3's start" })

describe("a page's lease check before it starts", () => {
  it.effect.each([["held", true], ["short", true], ["lost", false]] as const)(
    "a lease %s: the page may start = %s, after one read",
    ([state, expected]) =>
      Effect.gen(function* () {
        const { leases, reads } = leasesAnswering(state)
        expect(yield* check(leases)).toBe(expected)
        expect(reads()).toBe(1)
      }),
  )
})
