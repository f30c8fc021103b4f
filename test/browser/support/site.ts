/**
 * The built site (`npm run docs:build` writes docs/.vitepress/dist/), served
 * by a static server in this process and visited by Chromium: both started
 * by `openSite()` and stopped by its `close()`, so nothing outlives a test
 * file.
 */
import { existsSync, mkdirSync, readdirSync } from "node:fs"
import { join, posix, resolve } from "node:path"
import type { Page } from "playwright-core"
import { type Browser, launchChromium } from "./chromium.ts"
import { serveStatic, type StaticServer } from "./staticServer.ts"

export const repo = resolve(import.meta.dirname, "../../..")
export const SITE_DIR = join(repo, "docs/.vitepress/dist")
/** Where the tests leave their screenshots for a reviewer (git ignores .tmp/). */
export const SCREENSHOT_DIR = join(repo, ".tmp/site-screenshots")

export interface Site {
  readonly server: StaticServer
  readonly browser: Browser
  readonly url: (path: string) => string
  readonly close: () => Promise<void>
}

export const openSite = async (): Promise<Site> => {
  if (!existsSync(join(SITE_DIR, "index.html"))) {
    throw new Error(`no built site in ${SITE_DIR}: run npm run docs:build first`)
  }
  const server = await serveStatic(SITE_DIR)
  try {
    const browser = await launchChromium()
    return {
      server,
      browser,
      url: (path) => `${server.origin}${path}`,
      close: async () => {
        await browser.close()
        await server.close()
      },
    }
  } catch (error) {
    await server.close()
    throw error
  }
}

/** Every page the build wrote, as site paths (`/02-chunked-vs-pooled.html`, `/ko/`), the 404 page excepted. */
export const builtPages = (): Array<string> => {
  const pages: Array<string> = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(SITE_DIR, dir), { withFileTypes: true })) {
      const path = posix.join(dir, entry.name)
      if (entry.isDirectory() && entry.name !== "assets") walk(path)
      else if (entry.isFile() && entry.name.endsWith(".html") && path !== "404.html") pages.push(`/${path}`)
    }
  }
  walk("")
  return pages.map((page) => page.replace(/(^|\/)index\.html$/, "$1")).sort()
}

/** What went wrong while a page was open: console errors, uncaught exceptions, failed or refused requests. */
export const watchProblems = (page: Page): Array<string> => {
  const problems: Array<string> = []
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()} (${message.location().url})`)
  })
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`))
  page.on(
    "requestfailed",
    (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`),
  )
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`)
  })
  return problems
}

export const screenshotPath = (name: string): string => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  return join(SCREENSHOT_DIR, name)
}
