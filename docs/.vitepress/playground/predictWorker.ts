/**
 * The playground's worker: computes one strategy's schedule with the kit
 * (schedule.ts) while the page's thread computes the other, so an edit
 * waits for the longer of the two runs, not their sum.
 */
import { reply, type ScheduleRequest } from "./schedule.ts"

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<ScheduleRequest>) => void) | null
  postMessage: (message: unknown) => void
}

scope.onmessage = (event) => {
  void reply(event.data).then((answer) => scope.postMessage(answer))
}
// One run before the first edit's, so the first edit does not wait on a cold engine (the page's thread has run
// the kit by then: its first runs are its own). Then the page sends runs (until then it runs both itself).
const warmUp = Array.from({ length: 200 }, (_, i) => 20 + ((i * 37) % 39) * 10)
void reply({ id: 0, strategy: "pooled", durations: warmUp, limit: 4 }).then(() => scope.postMessage("ready"))
