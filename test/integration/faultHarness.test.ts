/**
 * The gray-failure harness itself (support/tcpProxy.ts, support/freeze.ts),
 * proven against real servers before any test relies on it: a blackholed
 * path keeps both ends open and answers nothing, a healed one answers new
 * connections, and a frozen server keeps its port and its sessions but
 * answers nothing until it is continued. Outcomes only; every wait is bounded
 * by a driver timeout, never measured.
 */
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import mysql from "mysql2/promise"
import { parseDatabaseUrl } from "poolwise/sql"
import { openHarness } from "./harness.ts"
import { queryOn } from "./support/adminQuery.ts"
import { processState, resumeAll } from "./support/freeze.ts"
import { openPrivateMariadb } from "./support/privateMariadb.ts"
import { openTcpProxy, type TcpProxy } from "./support/tcpProxy.ts"

const harness = await openHarness("faultkit")
const server = await openPrivateMariadb("faultkit")

/** Short driver timeouts: here they only prove that no answer came. */
const connectVia = (port: number, user: string, password: string) =>
  mysql.createConnection({ host: "127.0.0.1", port, user, password, connectTimeout: 1_500 })

const noAnswer = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => undefined, (cause: { code?: string }) => cause)
  expect(error?.code, "the call should have failed for lack of an answer").toMatch(
    /ETIMEDOUT|PROTOCOL_SEQUENCE_TIMEOUT/,
  )
}

describe.skipIf(harness === undefined)("a TCP proxy that blackholes and heals", () => {
  const h = harness!
  const query = queryOn(h.admin)
  const proxies: Array<TcpProxy> = []
  const clients: Array<mysql.Connection> = []
  afterAll(async () => {
    for (const client of clients) client.destroy()
    for (const proxy of proxies) await proxy.close()
    await h.cleanup()
  })

  /** The sessions the server holds for connections through `proxy`, by the client port it sees. */
  const sessionsThrough = async (proxy: TcpProxy) => {
    const ports = new Set(proxy.upstreamPorts())
    const rows = await query("SELECT HOST AS host FROM information_schema.PROCESSLIST")
    return rows.filter((row) => ports.has(Number(String(row["host"]).split(":").at(-1)))).length
  }

  it("swallows bytes both ways and closes nothing: the server keeps the session, a statement and a new handshake get no answer; healed, a new connection answers", async () => {
    const user = await h.createUser("proxied", 10)
    const endpoint = Effect.runSync(parseDatabaseUrl(h.url()))
    const proxy = await openTcpProxy({ host: endpoint.host, port: endpoint.port })
    proxies.push(proxy)
    const before = await connectVia(proxy.port, user.name, user.password)
    before.on("error", () => {})
    clients.push(before)
    await before.query("SELECT 1")
    expect(await sessionsThrough(proxy)).toBe(1)

    proxy.blackhole()
    await noAnswer(before.query({ sql: "SELECT 1", timeout: 1_000 }))
    await noAnswer(connectVia(proxy.port, user.name, user.password))
    expect(proxy.swallowed()).toBeGreaterThan(0)
    // The server never heard of any of it: the old session is still there.
    expect(await sessionsThrough(proxy)).toBe(1)

    proxy.heal()
    const after = await connectVia(proxy.port, user.name, user.password)
    clients.push(after)
    const [rows] = await after.query("SELECT 41 + 1 AS answer")
    expect((rows as Array<{ answer: number }>)[0]!.answer).toBe(42)
  })

  it("cut ends every connection through it: the server drops the session", async () => {
    const user = await h.createUser("cut", 10)
    const endpoint = Effect.runSync(parseDatabaseUrl(h.url()))
    const proxy = await openTcpProxy({ host: endpoint.host, port: endpoint.port })
    proxies.push(proxy)
    const client = await connectVia(proxy.port, user.name, user.password)
    client.on("error", () => {})
    clients.push(client)
    await client.query("SELECT 1")
    proxy.cut()
    const error = await client.query("SELECT 1").then(() => undefined, (cause: { fatal?: boolean }) => cause)
    expect(error?.fatal).toBe(true)
    for (let tries = 0; tries < 100 && (await h.connectionsOf(user)) > 0; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(await h.connectionsOf(user)).toBe(0)
  })
})

describe.skipIf(server === undefined)("a private mariadbd frozen with SIGSTOP", () => {
  const s = server!
  afterAll(async () => {
    resumeAll()
    await s.cleanup()
  })

  it("keeps its port and its sessions but answers nothing until SIGCONT, then answers again", async () => {
    const { port } = s
    const session = await mysql.createConnection({ host: "127.0.0.1", port, user: "root", connectTimeout: 1_500 })
    session.on("error", () => {})
    try {
      const frozen = s.freeze()
      try {
        expect(processState(frozen.pid)).toBe("T")
        await noAnswer(session.query({ sql: "SELECT 1", timeout: 1_000 }))
        // The kernel still completes the TCP handshake; the server never sends its greeting.
        await noAnswer(mysql.createConnection({ host: "127.0.0.1", port, user: "root", connectTimeout: 1_000 }))
      } finally {
        frozen.resume()
      }
      expect(processState(frozen.pid)).not.toBe("T")
      // A statement that timed out in mysql2 leaves its connection busy: a fresh one proves the server answers.
      const fresh = await mysql.createConnection({ host: "127.0.0.1", port, user: "root", connectTimeout: 5_000 })
      const [rows] = await fresh.query("SELECT 6 * 7 AS answer")
      await fresh.end()
      expect((rows as Array<{ answer: number }>)[0]!.answer).toBe(42)
    } finally {
      session.destroy()
    }
  })

  it("stop() continues a frozen server before shutting it down, so the shutdown does not wait for its limit", async () => {
    s.freeze()
    await s.stop()
    expect(s.running()).toBe(false)
    await s.start()
    expect(await s.query("SELECT 1 AS one")).toEqual([{ one: 1 }])
  })
})
