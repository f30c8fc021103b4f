/**
 * The page's fence, without a database: a page goes on while its runner holds
 * a fresh lease, waits (re-reading every 250 ms of the clock) while the lease is
 * still its own but due for a refresh, and never goes on once another runner
 * holds the shard: it records and reports nothing until the cluster interrupts it.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Option, TestClock } from "effect"
import { fenced, type LeaseState, ShardLeases } from "../../../src/internal/cluster/leases.ts"

/** Leases that answer `states` in turn (the last one forever), counting the reads. */
const leasesAnswering = (states: ReadonlyArray<LeaseState>) => {
  let reads = 0
  const leases = ShardLeases.of({
    state: () => Effect.sync(() => states[Math.min(reads++, states.length - 1)]!),
  })
  return { leases, reads: () => reads }
}

const fence = (leases: ShardLeases["Type"]) =>
  fenced({ leases, shard: "default:7", runner: "127.0.0.1:1", what: "page 3's answer" })

describe("a page's lease fence", () => {
  it.effect("a fresh lease of its own lets the page go on at once, after one read", () =>
    Effect.gen(function* () {
      const { leases, reads } = leasesAnswering(["held"])
      yield* fence(leases)
      expect(reads()).toBe(1)
    }))

  it.effect("a lease due for its refresh holds the page until a read finds it fresh again", () =>
    Effect.gen(function* () {
      const { leases, reads } = leasesAnswering(["short", "short", "held"])
      const fiber = yield* Effect.fork(fence(leases))
      yield* TestClock.adjust("250 millis")
      expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
      yield* TestClock.adjust("250 millis")
      yield* Fiber.join(fiber)
      expect(reads()).toBe(3)
    }))

  it.effect("a shard another runner holds stops the page for good: it never goes on, and is only interrupted", () =>
    Effect.gen(function* () {
      const { leases, reads } = leasesAnswering(["short", "lost", "held"])
      const fiber = yield* Effect.fork(fence(leases))
      yield* TestClock.adjust("10 seconds")
      expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
      // Read twice, not again: once lost, the page does not look for its lease to come back.
      expect(reads()).toBe(2)
      yield* Fiber.interrupt(fiber)
    }))
})
