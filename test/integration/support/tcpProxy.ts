/**
 * A TCP proxy between a job and its database server that can lose replies:
 * the statements still reach the server and run (and commit), but the client
 * never hears back, as when a server, a proxy or a network link dies between
 * a commit and its reply. Only the proxy's own sockets are touched.
 */
import { type AddressInfo, connect, createServer, type Socket } from "node:net"

export interface TcpProxy {
  /** Where clients connect, on 127.0.0.1. */
  readonly port: number
  /** From now on, replies on the connections open now are dropped; newer connections are not affected. */
  readonly holdReplies: () => void
  /** Ends every connection through the proxy at once; the client sees the connection lost. */
  readonly cut: () => void
  /** Stops listening and ends every connection. */
  readonly close: () => Promise<void>
}

interface Link {
  readonly client: Socket
  readonly server: Socket
  held: boolean
}

/** Starts a proxy on a free port of 127.0.0.1 to `upstream`. */
export const openTcpProxy = async (upstream: { readonly host: string; readonly port: number }): Promise<TcpProxy> => {
  const links = new Set<Link>()
  const end = (link: Link) => {
    links.delete(link)
    link.client.destroy()
    link.server.destroy()
  }
  const proxy = createServer((client) => {
    const link: Link = { client, server: connect(upstream.port, upstream.host), held: false }
    links.add(link)
    client.on("data", (chunk) => link.server.write(chunk))
    link.server.on("data", (chunk) => {
      if (!link.held) client.write(chunk)
    })
    for (const socket of [client, link.server]) {
      socket.on("close", () => end(link))
      socket.on("error", () => end(link))
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
    cut: () => {
      for (const link of [...links]) end(link)
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const link of [...links]) end(link)
        proxy.close(() => resolve())
      }),
  }
}
