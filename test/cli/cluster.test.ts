/**
 * The cluster's commands as a user meets them: a runner and `sync --cluster`
 * refuse what cannot work before touching anything, with exit code 2 for
 * flags and a message naming the problem (every conflict: flags.test.ts, in
 * process). Real runs on real runner processes are in
 * test/integration/cluster.test.ts.
 */
import { describe, expect, it } from "@effect/vitest"
import { runCli } from "./run.ts"

const url = "mysql://root@127.0.0.1:3306/test"

describe.concurrent("sync --cluster and runner: flags that cannot work are refused up front", () => {
  it("sync --cluster without a database URL exits 2: the runners' database is needed", async () => {
    const { code, stderr } = await runCli(["sync", "--cluster"])
    expect(code).toBe(2)
    expect(stderr).toContain("--cluster needs --database-url")
  })

  it("runner --cluster-pool 1 exits 2: one connection stays reserved for shard locks", async () => {
    const { code, stderr } = await runCli(["runner", "--database-url", url, "--cluster-pool", "1"])
    expect(code).toBe(2)
    expect(stderr).toContain("--cluster-pool")
    expect(stderr).toContain("expected a whole number ≥ 2")
  })

  it("runner without a database exits 1 and says where to give it", async () => {
    const { code, stderr } = await runCli(["runner"])
    expect(code).toBe(1)
    expect(stderr).toContain("a runner needs the shared database: pass --database-url")
  })

  it("runner --help documents every flag with its default", async () => {
    const { code, stdout } = await runCli(["runner", "--help"])
    expect(code).toBe(0)
    for (
      const flag of ["--database-url", "--host", "--port", "--pool", "--cluster-pool", "--concurrency", "--budget"]
    ) {
      expect(stdout).toContain(flag)
    }
    expect(stdout).toContain("Default: 34431.")
  })
})
