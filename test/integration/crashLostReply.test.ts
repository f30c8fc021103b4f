/**
 * A write that commits on the server but whose reply never reaches the job,
 * as when the server, a proxy or the link dies right after a commit: the job
 * sees "Connection lost" and cannot tell whether the write landed. A TCP proxy
 * (support/tcpProxy.ts) drops the replies, a gate trigger picks the moment
 * (every pool connection mid-UPDATE), and an audit trigger counts the writes.
 * On the shared MariaDB, as a throwaway user; outcomes only.
 */
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { parseDatabaseUrl } from "poolwise/sql"
import { defaultRetryPolicy } from "poolwise/sync"
import { openHarness, pollUntil } from "./harness.ts"
import { queryOn } from "./support/adminQuery.ts"
import { pooledSync, seedProducts, sqlJobLayer } from "./support/syncJob.ts"
import { openTcpProxy } from "./support/tcpProxy.ts"
import {
  closeWriteGate,
  installWriteAudit,
  installWriteGate,
  openWriteGate,
  writersAtGate,
  writesOfRun,
} from "./support/writeAudit.ts"

const harness = await openHarness("lostreply")

const products = 200
const gateFrom = 100
const poolSize = 2
const runId = "lost-reply-run"

const sync = pooledSync(products, 4)

describe.skipIf(harness === undefined)("a write that lands but whose reply is lost", () => {
  const h = harness!
  const query = queryOn(h.admin)
  const closing: Array<() => Promise<void>> = []
  afterAll(async () => {
    for (const close of closing) await close()
    // Writes still held at the gate would hold their table and block the DROP of the cleanup.
    await openWriteGate(query, h.database)
    await h.cleanup()
  })

  it("is retried after the lost connection, and the retry does not write the row again: every product written exactly once", async () => {
    await seedProducts(h.url(), products)
    await installWriteAudit(query, h.database)
    await installWriteGate(query, h.database, gateFrom)
    await closeWriteGate(query, h.database)
    const user = await h.createUser("job", 10)
    const server = Effect.runSync(parseDatabaseUrl(h.url()))
    const proxy = await openTcpProxy({ host: server.host, port: server.port })
    closing.push(proxy.close)
    const viaProxy = `mysql://${encodeURIComponent(user.name)}:${
      encodeURIComponent(user.password)
    }@127.0.0.1:${proxy.port}/${encodeURIComponent(h.database)}`

    const running = Effect.runPromise(
      sync({ runId, retry: defaultRetryPolicy }).pipe(
        Effect.provide(sqlJobLayer(Redacted.make(viaProxy), poolSize, { latency: "5 millis" })),
      ),
    )
    let ended = false
    void running.then(() => (ended = true), () => (ended = true))
    const poll = <A>(check: () => Promise<A>, done: (a: A) => boolean) =>
      Effect.runPromise(pollUntil(Effect.promise(check), (a) => ended || done(a), "120 seconds"))

    // Every pool connection is in an UPDATE held at the gate: drop their replies, then let them commit.
    await poll(() => writersAtGate(query, h.database), (n) => n >= poolSize)
    expect(ended).toBe(false)
    proxy.holdReplies()
    const before = (await writesOfRun(query, h.database, runId)).writes
    await openWriteGate(query, h.database)
    await poll(() => writesOfRun(query, h.database, runId), (w) => w.writes >= before + poolSize)
    proxy.cut()
    const report = await running
    await h.waitForDrain(user)

    expect(report).toMatchObject({ products, updated: products, failed: 0 })
    expect(report.retries).toBeGreaterThanOrEqual(poolSize)
    // The writes are conditional on the run's id: a retry finds the row already written and leaves it.
    expect(await writesOfRun(query, h.database, runId)).toEqual({ products, writes: products, twice: [] })
  })
})
