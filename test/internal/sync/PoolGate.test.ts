/**
 * The pool gate: at most `size` holders, the rest served first come, first
 * served, and a release that hands its permit to exactly one waiter.
 */
import { describe, expect, it } from "@effect/vitest"
import { Deferred, Effect, Exit, Fiber, Option, TestClock } from "effect"
import { makePoolGate } from "../../../src/internal/sync/PoolGate.ts"

describe("makePoolGate: a pool's connections as a first-come line", () => {
  it.effect("never more than `size` hold it at once, and waiters start in the order they arrived", () =>
    Effect.gen(function* () {
      const gate = yield* makePoolGate(2)
      let holding = 0
      let most = 0
      const started: Array<number> = []
      const statement = (n: number) =>
        gate.withConnection(Effect.gen(function* () {
          started.push(n)
          holding++
          most = Math.max(most, holding)
          yield* Effect.sleep("10 millis")
          holding--
        }))
      const fiber = yield* Effect.fork(Effect.forEach([1, 2, 3, 4, 5, 6], statement, { concurrency: "unbounded" }))
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(fiber)
      expect(most).toBe(2)
      expect(started).toEqual([1, 2, 3, 4, 5, 6])
    }))

  it.effect("an interrupted waiter leaves the line, and no permit is lost or doubled", () =>
    Effect.gen(function* () {
      const gate = yield* makePoolGate(1)
      const order: Array<string> = []
      const hold = (name: string) =>
        gate.withConnection(Effect.zipRight(Effect.sync(() => order.push(name)), Effect.sleep(10)))
      const first = yield* Effect.fork(hold("first"))
      yield* Effect.yieldNow()
      const leaving = yield* Effect.fork(hold("leaving"))
      const last = yield* Effect.fork(hold("last"))
      yield* Effect.yieldNow()
      yield* Fiber.interrupt(leaving)
      yield* TestClock.adjust("10 millis") // first is done; the permit skips "leaving"
      yield* Fiber.join(first)
      yield* TestClock.adjust("10 millis")
      yield* Fiber.join(last)
      expect(order).toEqual(["first", "last"])
      // One permit again: two more run one after the other.
      const both = yield* Effect.fork(Effect.all([hold("a"), hold("b")], { concurrency: "unbounded" }))
      yield* TestClock.adjust("1 millis")
      expect([...order]).toEqual(["first", "last", "a"])
      yield* TestClock.adjust("9 millis")
      expect([...order]).toEqual(["first", "last", "a", "b"])
      yield* TestClock.adjust("10 millis")
      yield* Fiber.join(both)
    }))

  it.effect("a waiter interrupted just as the permit is handed to it passes the permit on: nothing leaks", () =>
    Effect.gen(function* () {
      // The holder's release hands the permit to `waiter` (a resume message to its
      // fiber); an interrupt that reaches `waiter` before it runs ends it before
      // withConnection's release is in place. k yields between the two cover both
      // orders: the hand-over and the interrupt pending together (k = 0, 1 on
      // Effect 3.22's scheduler), and `waiter` already holding when interrupted.
      const yields = (n: number) =>
        Effect.forEach(Array.from({ length: n }), () => Effect.yieldNow(), { discard: true })
      const leaked: Array<number> = []
      for (let k = 0; k <= 6; k++) {
        const gate = yield* makePoolGate(1)
        const go = yield* Deferred.make<void>()
        const holder = yield* Effect.fork(gate.withConnection(Deferred.await(go)))
        yield* Effect.yieldNow()
        const waiter = yield* Effect.fork(gate.withConnection(Effect.never))
        const next = yield* Effect.fork(gate.withConnection(Effect.succeed("next")))
        yield* Effect.yieldNow()
        yield* Deferred.succeed(go, undefined)
        yield* yields(k)
        yield* Fiber.interrupt(waiter)
        yield* Fiber.join(holder)
        // The next in line gets the permit within a few scheduler turns, and then
        // the gate is whole again: one permit, free.
        yield* yields(10)
        const after = yield* Effect.fork(gate.withConnection(Effect.succeed("after")))
        yield* yields(10)
        const done = [yield* Fiber.poll(next), yield* Fiber.poll(after)].every((o) =>
          Option.isSome(o) && Exit.isSuccess(o.value)
        )
        if (!done) {
          leaked.push(k)
          yield* Fiber.interrupt(next)
          yield* Fiber.interrupt(after)
        }
      }
      expect(leaked, "k with a leaked permit").toEqual([])
    }))

  it.effect("a failed or interrupted holder gives its permit back", () =>
    Effect.gen(function* () {
      const gate = yield* makePoolGate(1)
      yield* Effect.flip(gate.withConnection(Effect.fail("boom")))
      const holder = yield* Effect.fork(gate.withConnection(Effect.never))
      yield* Effect.yieldNow()
      yield* Fiber.interrupt(holder)
      expect(yield* gate.withConnection(Effect.succeed("free"))).toBe("free")
    }))

  it.effect("1,000 statements through a gate of 5 cost one hand-over each: done at 200 × 10 ms", () =>
    Effect.gen(function* () {
      const gate = yield* makePoolGate(5)
      const fiber = yield* Effect.fork(
        Effect.forEach(Array.from({ length: 1_000 }), () => gate.withConnection(Effect.sleep("10 millis")), {
          concurrency: "unbounded",
          discard: true,
        }),
      )
      yield* TestClock.adjust("1999 millis")
      expect(fiber.unsafePoll()).toBeNull()
      yield* TestClock.adjust("1 millis")
      yield* Fiber.join(fiber)
    }))

  it.effect("whenConnected builds a statement only once its connection is held: nothing of it waits in line", () =>
    Effect.gen(function* () {
      const gate = yield* makePoolGate(1)
      const built: Array<string> = []
      const statement = (name: string) =>
        gate.whenConnected(() => {
          built.push(name)
          return Effect.sleep("10 millis")
        })
      const fiber = yield* Effect.fork(
        Effect.all([statement("a"), statement("b"), statement("c")], { concurrency: "unbounded", discard: true }),
      )
      yield* TestClock.adjust("1 millis")
      expect(built).toEqual(["a"])
      yield* TestClock.adjust("10 millis")
      expect(built).toEqual(["a", "b"])
      yield* TestClock.adjust("20 millis")
      yield* Fiber.join(fiber)
      expect(built).toEqual(["a", "b", "c"])
    }))

  it.effect("a size that is not a whole number ≥ 1 is a typed InvalidOptionError", () =>
    Effect.gen(function* () {
      expect(yield* Effect.flip(makePoolGate(0))).toMatchObject({ _tag: "InvalidOptionError", option: "poolSize" })
    }))
})
