/**
 * Exercise 21 · fix · chapter 5, Failures and interruption (docs/05-failures-and-interruption.md)
 *
 * `runUntilStopped` runs items 2 at a time until `stop` completes (a
 * shutdown signal, Ctrl-C). Today the stop interrupts whatever is running at
 * once, throwing away work that was about to finish.
 *
 * TODO: make the stop graceful: from the signal on, no new item starts; the
 * items already running get 1 more second to finish; whatever still runs
 * after that is interrupted. Collect mode lists every item that did not run
 * to its end in `notRun`, with its reason.
 *
 * ---
 * 연습 21 · 고치기 · 5장, 실패와 인터럽트 (docs/ko/05-failures-and-interruption.md)
 *
 * `runUntilStopped`는 `stop`이 완료될 때까지(종료 신호, Ctrl-C) 아이템을 2개씩
 * 돌립니다. 지금은 멈추는 순간 돌고 있던 것을 바로 인터럽트해서, 곧 끝날 일까지
 * 버립니다.
 *
 * TODO: 안전하게 멈추게 하세요. 신호가 오면 새 아이템은 시작하지 않고, 이미 도는
 * 아이템에는 끝낼 시간을 1초 더 주고, 그 뒤에도 도는 것은 인터럽트합니다. collect
 * 모드는 끝까지 돌지 못한 아이템을 사유와 함께 `notRun`에 적습니다.
 */
import type { Effect } from "effect"
import { pooled } from "poolwise"

export const runUntilStopped = (
  items: ReadonlyArray<number>,
  task: (item: number, index: number) => Effect.Effect<number>,
  stop: Effect.Effect<void>,
) => pooled(items, task, { concurrency: 2, mode: "collect", interruptWhen: stop })
