/**
 * Pages placed on the runner the coordinator chooses. A page goes to the
 * runner that owns its entity id's shard, and ids hash onto shards at random:
 * 40 pages over 3 runners came out 8/12/20 when ids were left to chance, and
 * the run lasts as long as the busiest runner. So the coordinator computes
 * which runner owns which shard (the same consistent-hash ring the cluster
 * computes, from the registered runners) and gives a page an id that lands
 * on the runner it chose (dispatch.ts: the least busy one), by trying salted
 * ids (`<run>:<page>~<salt>`) until one does.
 *
 * Each page's salt is recorded before it is sent (`sync_page_placements`), so
 * a coordinator that takes over sends it to the same entity, and the
 * message's primary key joins it to its first delivery. Placement is only an
 * optimisation: if the runners change afterwards, pages move with their
 * shards and still run once.
 *
 * @internal
 */
import { EntityId, RunnerStorage, Sharding, ShardingConfig } from "@effect/cluster"
import { Effect, HashRing, Option } from "effect"

/** Salts tried per page before giving up on its target runner. */
const maxSalt = 64

/** The entity id of page `page` of run `runId` with `salt` (0: no salt). */
export const pageEntityId = (runId: string, page: number, salt = 0): string =>
  salt === 0 ? `${runId}:${page}` : `${runId}:${page}~${salt}`

/** Runners and who owns which shard; placement needs both. */
export interface ShardOwners {
  readonly runners: ReadonlyArray<string>
  readonly ownerOf: (entityId: string) => string | undefined
}

/** No runner registry in context (an in-process `TestRunner`): nothing to place by, every page keeps salt 0. */
export const noOwners: ShardOwners = { runners: [], ownerOf: () => undefined }

/** Which runner (`host:port`) owns the shard of an entity id, per the healthy runners registered now. */
export const shardOwners = Effect.gen(function* () {
  const sharding = yield* Sharding.Sharding
  const storage = yield* Effect.serviceOption(RunnerStorage.RunnerStorage)
  const config = yield* Effect.serviceOption(ShardingConfig.ShardingConfig)
  if (Option.isNone(storage) || Option.isNone(config)) return noOwners
  const group = "default"
  const runners = (yield* storage.value.getRunners).filter(([runner, healthy]) =>
    healthy && runner.groups.includes(group)
  )
  const ring = HashRing.make<(typeof runners)[number][0]["address"]>()
  for (const [runner] of runners) HashRing.add(ring, runner.address, { weight: runner.weight })
  const owners = HashRing.getShards(ring, config.value.shardsPerGroup)
  const names = [...new Set(runners.map(([runner]) => `${runner.address.host}:${runner.address.port}`))].sort()
  return <ShardOwners> {
    runners: names,
    ownerOf: (entityId: string): string | undefined => {
      const owner = owners?.[sharding.getShardId(EntityId.make(entityId), group).id - 1]
      return owner === undefined ? undefined : `${owner.host}:${owner.port}`
    },
  }
})

/**
 * The first salt from `from` on that puts page `page` on runner `target`
 * (`from` itself when none of the next 64 does, or there is no target). A page
 * sent again after an interruption passes its last salt + 1, so it gets an id
 * it never had.
 */
export const saltFor = (
  runId: string,
  page: number,
  target: string | undefined,
  owners: ShardOwners,
  from = 0,
): number => {
  if (target === undefined) return from
  for (let salt = from; salt < from + maxSalt; salt++) {
    if (owners.ownerOf(pageEntityId(runId, page, salt)) === target) return salt
  }
  return from
}
