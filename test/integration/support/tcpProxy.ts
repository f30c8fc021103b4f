/**
 * A TCP proxy between a job and its database server that can misbehave the
 * way networks do, on the proxy's own sockets only:
 *
 * - `holdReplies`: the statements still reach the server and run (and
 *   commit), but the client never hears back, as when a server, a proxy or a
 *   link dies between a commit and its reply;
 * - `blackhole`: every byte, both ways, on every connection (open now or
 *   opened later) is swallowed, and nothing is closed: a cable pulled, a
 *   firewall that drops packets, a NAT entry gone. Each side still believes
 *   the connection is up (the server keeps the session and its locks);
 *   a new connection is accepted and never answered (its handshake times
 *   out);
 * - `heal`: bytes flow again. What was swallowed stays lost: a connection
 *   that had a request in flight waits for a reply that will never come, as
 *   on a real network. A connection one side closed meanwhile is ended on the
 *   other side now (its FIN gets through at last);
 * - `cut`: every connection ends at once (the client sees the connection lost).
 */
import { type AddressInfo, connect, createServer, type Socket } from "node:net"

export type ProxyMode = "forward" | "blackhole"

export interface TcpProxy {
  /** Where clients connect, on 127.0.0.1. */
  readonly port: number
  /** From now on, replies on the connections open now are dropped; newer connections are not affected. */
  readonly holdReplies: () => void
  /** From now on, every byte both ways is swallowed and nothing is closed, until {@link heal}. */
  readonly blackhole: () => void
  /** Forwards again; connections a side closed during the blackhole are ended. */
  readonly heal: () => void
  /** Ends every connection through the proxy at once; the client sees the connection lost. */
  readonly cut: () => void
  readonly mode: () => ProxyMode
  /** Connections through the proxy now (a client side that has not closed). */
  readonly connections: () => number
  /**
   * The local ports of the proxy's connections to the server: the server's
   * process list shows each as HOST `127.0.0.1:<port>`, so a test can tell
   * which sessions are this proxy's (e.g. to kill one runner's connections).
   */
  readonly upstreamPorts: () => ReadonlyArray<number>
  /** Bytes swallowed by blackholes so far, both ways: proof that traffic was there to drop. */
  readonly swallowed: () => number
  /** Stops listening and ends every connection. */
  readonly close: () => Promise<void>
}

interface Link {
  readonly client: Socket
  /** Undefined for a connection accepted during a blackhole: the server never hears of it. */
  readonly server: Socket | undefined
  held: boolean
  /** A side closed while the proxy blackholed: the other one is ended at {@link TcpProxy.heal}. */
  closedInTheDark: boolean
}

/** Starts a proxy on a free port of 127.0.0.1 to `upstream`. */
export const openTcpProxy = async (upstream: { readonly host: string; readonly port: number }): Promise<TcpProxy> => {
  const links = new Set<Link>()
  let mode: ProxyMode = "forward"
  let swallowed = 0
  const end = (link: Link) => {
    links.delete(link)
    link.client.destroy()
    link.server?.destroy()
  }
  const proxy = createServer({ allowHalfOpen: true }, (client) => {
    const server = mode === "blackhole"
      ? undefined
      : connect({ port: upstream.port, host: upstream.host, allowHalfOpen: true })
    const link: Link = { client, server, held: false, closedInTheDark: false }
    links.add(link)
    client.on("data", (chunk) => {
      if (mode === "blackhole" || link.server === undefined) swallowed += chunk.length
      else link.server.write(chunk)
    })
    server?.on("data", (chunk) => {
      if (mode === "blackhole") swallowed += chunk.length
      else if (!link.held) client.write(chunk)
    })
    // A side that ends or fails: in the dark its peer never hears of it.
    const gone = () => {
      if (mode === "blackhole") link.closedInTheDark = true
      else end(link)
    }
    for (const socket of [client, server]) {
      socket?.on("end", gone)
      socket?.on("close", gone)
      socket?.on("error", gone)
    }
  })
  await new Promise<void>((resolve, reject) => {
    proxy.once("error", reject)
    proxy.listen(0, "127.0.0.1", resolve)
  })
  return {
    port: (proxy.address() as AddressInfo).port,
    holdReplies: () => {
      for (const link of links) link.held = true
    },
    blackhole: () => void (mode = "blackhole"),
    heal: () => {
      mode = "forward"
      for (const link of [...links]) {
        if (link.closedInTheDark || link.server === undefined) end(link)
      }
    },
    cut: () => {
      for (const link of [...links]) end(link)
    },
    mode: () => mode,
    connections: () => [...links].filter((link) => !link.client.destroyed).length,
    upstreamPorts: () =>
      [...links].flatMap((link) => link.server?.localPort === undefined ? [] : [link.server.localPort]),
    swallowed: () => swallowed,
    close: () =>
      new Promise<void>((resolve) => {
        mode = "forward"
        for (const link of [...links]) end(link)
        proxy.close(() => resolve())
      }),
  }
}
