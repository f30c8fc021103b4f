/**
 * Debian's Chromium (`apt-get install chromium`; .ci/run installs it when it
 * is missing), driven by playwright-core: no browser download. The flags keep
 * it from reaching out to the network (this machine's closed network refuses
 * those connections, and a test must not depend on them), and every run gets
 * a fresh profile, removed afterwards.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type BrowserContext, chromium } from "playwright-core"

export const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium"

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
]

export interface Browser {
  readonly context: BrowserContext
  readonly close: () => Promise<void>
}

/** Starts Chromium on a fresh profile; `close` stops it and removes the profile. */
export const launchChromium = async (): Promise<Browser> => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`)
  }
  const profile = mkdtempSync(join(tmpdir(), "poolwise-site-chromium-"))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
    // Generous: a loaded 2-core machine is slow, never wrong.
    timeout: 120_000,
  })
  context.setDefaultTimeout(60_000)
  context.setDefaultNavigationTimeout(90_000)
  return {
    context,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
