/**
 * Another client killing a job's connections (`KILL CONNECTION` on the
 * user's process-list entries), as an operator, a proxy or a failover would.
 */
import type { AdminQuery } from "./adminQuery.ts"

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Kills every connection `user` has open now; resolves with how many it killed. */
export const killConnectionsOf = async (query: AdminQuery, user: string): Promise<number> => {
  const rows = await query("SELECT ID AS id FROM information_schema.PROCESSLIST WHERE USER = ?", [user])
  let killed = 0
  for (const { id } of rows) {
    // 1094 "Unknown thread id": it ended meanwhile.
    await query("KILL CONNECTION ?", [id]).then(() => killed++, (error: { errno?: number }) => {
      if (error.errno !== 1094) throw error
    })
  }
  return killed
}

export interface ConnectionKiller {
  /** Ends the loop after its current round; resolves with the rounds run and connections killed. */
  readonly stop: () => Promise<{ readonly rounds: number; readonly killed: number }>
}

/**
 * Kills `user`'s connections at once, then again every `everyMs` until
 * stopped. A failure of the admin connection ends the loop and is thrown by `stop`.
 */
export const killConnectionsEvery = (query: AdminQuery, user: string, everyMs = 1_000): ConnectionKiller => {
  let running = true
  let rounds = 0
  let killed = 0
  const loop = (async () => {
    while (running) {
      killed += await killConnectionsOf(query, user)
      rounds++
      // Wakes early when stopped, so stop() never waits a whole interval.
      for (let waited = 0; running && waited < everyMs; waited += 50) await sleep(50)
    }
  })()
  return {
    stop: async () => {
      running = false
      await loop
      return { rounds, killed }
    },
  }
}
