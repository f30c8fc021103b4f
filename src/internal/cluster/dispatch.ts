/**
 * How the coordinator hands pages to the runners: a few at a time per
 * runner, not all at once.
 *
 * Sent all at once, every page would wait in a runner's mailbox; a runner
 * that dies takes its whole queue into the failover, and a slow runner keeps
 * pages a fast one could run. Here each runner has at most `pagesPerRunner`
 * pages in flight. When one of its pages answers, the next page in line is
 * placed on the runner with the fewest in flight (a salted entity id that
 * lands on its shard, placement.ts), so fast runners take more pages, a dead
 * runner is sent nothing more once the cluster drops it, and a runner that
 * joins mid-run gets pages at once.
 *
 * Every page's salt is recorded before it is sent: a coordinator that takes
 * over sends the pages already placed again, to the same entities (the
 * message's primary key joins the first delivery), and places the rest.
 * A page the cluster interrupts is placed again (a new salt, recorded the
 * same way) and sent again, up to `pageResends` (3) times. So is a page whose
 * runner leaves the registered runners while it waits: a runner cut off from
 * the database still answers on its socket, and the answer the coordinator
 * waits for would never come.
 *
 * @internal
 */
import type { Sharding } from "@effect/cluster"
import { Cause, Clock, Duration, Effect, Fiber, FiberId, Queue, Ref, Schedule } from "effect"
import * as defaults from "../defaults.ts"
import { ProductId } from "../sync/Product.ts"
import { ProductRepository } from "../sync/ProductRepository.ts"
import { retriedByDefault } from "../sync/retry.ts"
import { ClusterRuns } from "./ClusterRuns.ts"
import { pageAt } from "./pages.ts"
import { noOwners, pageEntityId, saltFor, type ShardOwners, shardOwners } from "./placement.ts"
import type { ClusterRun, Page } from "./records.ts"
import { type PageResult, SyncPage } from "./SyncPage.ts"

/**
 * A page whose message failed as a whole (not a product's failure: the
 * cluster's). Its runner may have written part of it before: the products of
 * its range that carry the run's id count as updated, and only the others are
 * listed failed (all of them when that cannot be read).
 */
const failedPage = (runId: string, page: Page, cause: Cause.Cause<unknown>) =>
  Effect.gen(function* () {
    const repository = yield* ProductRepository
    const range = Array.from({ length: page.to - page.from + 1 }, (_, i) => ProductId.make(page.from + i))
    const written = new Set<number>(
      yield* retriedByDefault(repository.writtenBy(runId, range)).pipe(
        Effect.tapError((error) => Effect.logWarning(`page ${page.page}: could not read what it wrote: ${error}`)),
        Effect.orElseSucceed((): ReadonlyArray<number> => []),
      ),
    )
    const ids: Array<[number, number]> = []
    for (const id of range) {
      if (written.has(id)) continue
      const last = ids[ids.length - 1]
      if (last !== undefined && last[1] + 1 === id) last[1] = id
      else ids.push([id, id])
    }
    const count = range.length - written.size
    const reason = Cause.isInterruptedOnly(cause)
      ? "interrupted"
      : `page ${page.page} failed on the cluster: ${String(Cause.squash(cause))}`
    return {
      page: page.page,
      runner: "",
      updated: written.size,
      failed: count,
      failures: count === 0 ? [] : [{ reason, count, ids }],
      statements: 0,
      retries: 0,
      outages: 0,
      peakConnections: 0,
    } satisfies PageResult
  })

/**
 * Sends every page of `run`, at most `pagesPerRunner` (6) in flight per
 * runner, and hands each page's answer to `onAnswer` as it comes. Pages are
 * made one at a time as they are sent and answers are not kept: what this
 * holds grows with the pages in flight, not with the run (a coordinator that
 * takes over reads the pages already placed, once).
 */
export const dispatchPages = (
  run: ClusterRun,
  onAnswer: (result: PageResult) => void,
  options: { readonly pagesPerRunner?: number | undefined } = {},
) =>
  Effect.gen(function* () {
    const runs = yield* ClusterRuns
    const client = yield* SyncPage.client
    const window = options.pagesPerRunner ?? defaults.pagesPerRunner
    // A round's pages get salts no earlier round of the run used (a resumed run's pages run, not join old answers).
    const base = (run.round ?? 0) * 1_000
    const answered = yield* Queue.unbounded<void>()
    const inFlight = new Map<string, number>()
    let sent = 0
    let answers = 0
    const bookkeeping = <A, E>(effect: Effect.Effect<A, E>) => retriedByDefault(effect)
    // The registered runners, read once a second for every page in flight (undefined: not known yet).
    const registered = yield* Ref.make<ReadonlyArray<string> | undefined>(undefined)
    const watcher = yield* Effect.fork(
      Effect.flatMap(Effect.option(shardOwners), (owners) =>
        owners._tag === "Some" && owners.value !== noOwners ? Ref.set(registered, owners.value.runners) : Effect.void)
        .pipe(Effect.repeat(Schedule.spaced(Duration.seconds(1)))),
    )
    /** Ends, as an interruption, once `runner` is no longer registered (its heartbeat is older than the lease). */
    const gone = (runner: string): Effect.Effect<never, never> =>
      Effect.flatMap(Ref.get(registered), (runners) =>
        runners !== undefined && !runners.includes(runner)
          ? Effect.failCause(Cause.interrupt(FiberId.none))
          : Effect.zipRight(Effect.sleep(Duration.millis(500)), gone(runner)))

    /** The least busy runner with room (fewer than `room` pages in flight), other than `avoid` (ties in name order). */
    const leastBusy = (owners: ShardOwners, avoid?: string, room = window) =>
      owners.runners
        .filter((runner) =>
          runner !== avoid && (inFlight.get(runner) ?? 0) < room
        )
        .sort((a, b) =>
          (inFlight.get(a) ?? 0) - (inFlight.get(b) ?? 0)
        )[0]

    /**
     * Sends `page` until it answers. A page the cluster interrupted (its
     * runner died, its shard moved) is placed again, away from that runner,
     * under a new salt, so the new message is not joined to the cut one.
     */
    const sendUntilAnswered = (
      page: Page,
      salt: number,
      runner: string | undefined,
      resends: number,
    ): Effect.Effect<PageResult, never, Sharding.Sharding | ProductRepository> =>
      Effect.raceFirst(
        Effect.disconnect(client(pageEntityId(run.id, page.page, salt)).Sync({ runId: run.id, salt, ...page })),
        runner === undefined ? Effect.never : gone(runner),
      ).pipe(
        // A superseded answer (its attempt was not the page's latest, or not recorded) is stale: ignored, sent again.
        Effect.map((result) =>
          result.superseded === true
            ? { result: undefined, cut: true, cause: Cause.empty }
            : { result, cut: false, cause: Cause.empty }
        ),
        Effect.catchAllCause((cause) =>
          Effect.succeed({ result: undefined, cut: Cause.isInterruptedOnly(cause), cause })
        ),
        Effect.flatMap(({ cause, cut, result }) =>
          Effect.gen(function* () {
            if (runner !== undefined) {
              inFlight.set(runner, (inFlight.get(runner) ?? 1) - 1)
            }
            if (!cut || resends >= defaults.pageResends) {
              return result ?? (yield* failedPage(run.id, page, cause))
            }
            const owners = yield* Effect.orElseSucceed(shardOwners, () =>
              noOwners)
            const target = leastBusy(owners, runner)
            const again = yield* Effect.orElseSucceed(
              bookkeeping(
                runs.replacePage(run.id, page.page, salt, saltFor(run.id, page.page, target, owners, salt + 1)),
              ),
              () => salt + 1,
            )
            yield* Effect.logWarning(
              `page ${page.page} was interrupted on the cluster, or answered superseded` +
                `${runner === undefined ? "" : ` (runner ${runner})`}: ` +
                `sent again (${resends + 1} of ${defaults.pageResends})`,
            )
            if (target !== undefined) inFlight.set(target, (inFlight.get(target) ?? 0) + 1)
            return yield* sendUntilAnswered(page, again, target, resends + 1)
          })
        ),
      )

    const send = (page: Page, salt: number, runner: string | undefined) =>
      Effect.fork(
        sendUntilAnswered(page, salt, runner, 0).pipe(
          Effect.flatMap((result) =>
            Effect.sync(() => {
              answers++
              onAnswer(result)
            })
          ),
          Effect.zipRight(Queue.offer(answered, undefined)),
          Effect.asVoid,
        ),
      ).pipe(Effect.map(() => void sent++))

    // Placed by an earlier coordinator: joined where they are.
    const placed = new Map((yield* bookkeeping(runs.placedPages(run.id))).map((p) => [p.page, p.salt]))
    for (const [page, salt] of placed) yield* send(pageAt(run, page), salt, undefined)

    let owners: ShardOwners = noOwners
    let ownersAt = Number.NEGATIVE_INFINITY
    for (let next = 1; next <= run.pages;) {
      if (placed.has(next)) {
        next++
        continue
      }
      const now = yield* Clock.currentTimeMillis
      if (now - ownersAt >= 1_000) {
        // A failed look keeps the last one: falling back to "no runner known" would send every page at once.
        const previous = owners
        owners = yield* Effect.orElseSucceed(shardOwners, () => previous)
        ownersAt = now
      }
      // Runners in order of fewest pages in flight (ties in name order): the least busy first. Near the run's end a
      // runner holds fewer pages: what it holds when the last page goes out is what it still runs alone, so a
      // runner a little slower than the others would end that much later (the tail). Its room shrinks with the
      // pages left per runner, to `pagesPerRunnerAtEnd` (3 pages of 25: 75 products, more than its 20 workers, so
      // it never idles while its next page comes).
      const left = Math.ceil((run.pages - next + 1) / Math.max(1, owners.runners.length))
      const target = leastBusy(owners, undefined, Math.min(window, defaults.pagesPerRunnerAtEnd + left))
      if (target === undefined && owners !== noOwners) {
        // Every runner is full (or none is registered yet): wait for an answer, or a second to look again.
        yield* Effect.race(Queue.take(answered), Effect.sleep(Duration.seconds(1)))
        continue
      }
      const page = pageAt(run, next++)
      // No runner registry at all (an in-process TestRunner): unplaced, unbounded.
      const salt = yield* bookkeeping(
        runs.placePage(run.id, page.page, saltFor(run.id, page.page, target, owners, base)),
      )
      if (target !== undefined) inFlight.set(target, (inFlight.get(target) ?? 0) + 1)
      yield* send(page, salt, target)
    }
    while (answers < sent) yield* Queue.take(answered)
    yield* Fiber.interrupt(watcher)
  })
