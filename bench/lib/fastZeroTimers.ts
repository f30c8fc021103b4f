/**
 * For the virtual-time child process only: `setTimeout(fn, 0)` runs as
 * `setImmediate(fn)`.
 *
 * TestClock.adjust wakes sleeps one at a time, and before each wake-up it waits
 * for every other fiber to settle by yielding to the event loop with
 * `setTimeout(…, 0)` several times. Node clamps that to 1 ms, so a run with
 * 1,000 wake-ups spends seconds doing nothing. `setImmediate` gives the same
 * guarantee (pending microtasks and already-queued callbacks run first) without
 * the clamp. The schedule itself is untouched: every figure is still read from
 * the kit's own runs under TestClock, and each run is checked against the
 * reference schedule.
 */
const realSetTimeout = globalThis.setTimeout
const realClearTimeout = globalThis.clearTimeout
const immediates = new WeakSet<object>()

const setTimeoutFast = (callback: (...args: Array<unknown>) => void, ms?: number, ...args: Array<unknown>) => {
  if (ms !== undefined && ms > 0) return realSetTimeout(callback, ms, ...args)
  const handle = setImmediate(callback, ...args)
  immediates.add(handle)
  return handle
}

const clearTimeoutFast = (handle: unknown) => {
  if (typeof handle === "object" && handle !== null && immediates.has(handle)) {
    clearImmediate(handle as NodeJS.Immediate)
  } else {
    realClearTimeout(handle as NodeJS.Timeout)
  }
}

Object.assign(globalThis, { setTimeout: setTimeoutFast, clearTimeout: clearTimeoutFast })
