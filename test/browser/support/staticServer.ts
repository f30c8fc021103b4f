/**
 * A small static file server for the built site, started and stopped by the
 * browser tests in their own process (nothing is left running). It answers
 * as a static host does: index.html for a folder, 404.html with status 404
 * for a missing file, gzip for text when the browser asks for it (the page
 * weights the tests measure are what a static host would transfer).
 */
import { existsSync, readFileSync, statSync } from "node:fs"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { extname, join, normalize, sep } from "node:path"
import { gzipSync } from "node:zlib"

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
}
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".svg", ".json", ".txt"])

export interface StaticServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly origin: string
  /** Every path asked for that was not there (status 404), in order. */
  readonly missing: ReadonlyArray<string>
  readonly close: () => Promise<void>
}

/** Serves `root` on 127.0.0.1 at a free port. */
export const serveStatic = async (root: string): Promise<StaticServer> => {
  const missing: Array<string> = []
  const gzipped = new Map<string, Buffer>()
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname)
    let file = normalize(join(root, pathname))
    if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) {
      response.writeHead(403).end()
      return
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html")
    const found = existsSync(file) && statSync(file).isFile()
    if (!found) {
      missing.push(pathname)
      file = join(root, "404.html")
    }
    const extension = extname(file)
    const body = readFileSync(file)
    const headers: Record<string, string> = { "content-type": TYPES[extension] ?? "application/octet-stream" }
    const acceptsGzip = /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""))
    let payload: Buffer = body
    if (acceptsGzip && COMPRESSIBLE.has(extension)) {
      payload = gzipped.get(file) ?? gzipSync(body)
      gzipped.set(file, payload)
      headers["content-encoding"] = "gzip"
      headers["vary"] = "accept-encoding"
    }
    headers["content-length"] = String(payload.length)
    response.writeHead(found ? 200 : 404, headers)
    response.end(request.method === "HEAD" ? undefined : payload)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    missing,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => error === undefined ? resolve() : reject(error))
      }),
  }
}
