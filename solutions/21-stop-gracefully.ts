/**
 * Exercise 21, a solution. `haltWhen` stops new items at the signal and lets
 * running ones finish; `interruptWhen` a second later cuts off whatever
 * still runs. Both are plain Effects: the signal, then a sleep.
 *
 * 연습 21의 풀이. `haltWhen`은 신호가 오면 새 아이템을 멈추고 도는 것은 끝내게
 * 둡니다. 1초 뒤의 `interruptWhen`은 그때도 도는 것을 끊습니다. 둘 다 평범한
 * Effect입니다. 신호, 그리고 sleep.
 */
import { Effect } from "effect"
import { pooled } from "poolwise"

export const runUntilStopped = (
  items: ReadonlyArray<number>,
  task: (item: number, index: number) => Effect.Effect<number>,
  stop: Effect.Effect<void>,
) =>
  pooled(items, task, {
    concurrency: 2,
    mode: "collect",
    haltWhen: stop,
    interruptWhen: Effect.zipRight(stop, Effect.sleep("1 second")),
  })
