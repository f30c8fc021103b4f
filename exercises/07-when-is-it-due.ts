/**
 * Exercise 7 · predict · chapter 3, Testing time without waiting (docs/03-testing-time.md)
 *
 * Three traps of the TestClock. Each program below runs in a TestContext
 * (a TestClock at 0 that moves only on `TestClock.adjust`).
 *
 *   A. TestClock.adjust("300 millis"); then fork Effect.sleep("300 millis").
 *      At what clock time is that sleep due?
 *   B. A "test" moves the clock 1 second, then reads Clock.currentTimeMillis.
 *      Two such tests, each with its own TestContext (as `it.effect` gives):
 *      what does each read? And two in one shared TestContext (as a shared
 *      `layer(...)` gives)?
 *   C. A fiber first waits for a promise (the outside world), then sleeps
 *      100 ms. The test adjusts 100 ms while the promise is still pending,
 *      then resolves it. At what clock time is the sleep due?
 *
 * TODO: replace each `todo()` with your prediction.
 *
 * ---
 * 연습 7 · 예측 · 3장, 기다리지 않고 시간 테스트하기 (docs/ko/03-testing-time.md)
 *
 * TestClock의 함정 세 가지. 아래 프로그램은 모두 TestContext 안에서 돕니다
 * (`TestClock.adjust`로만 움직이는, 0에서 시작하는 TestClock).
 *
 *   A. TestClock.adjust("300 millis") 다음에 Effect.sleep("300 millis")를 fork.
 *      그 sleep은 시계가 몇일 때 깨어날까요?
 *   B. "테스트" 하나가 시계를 1초 움직인 뒤 Clock.currentTimeMillis를 읽습니다.
 *      TestContext를 하나씩 받은 테스트 두 개(`it.effect`처럼)는 각각 무엇을
 *      읽을까요? TestContext 하나를 공유하는 두 개(공유 `layer(...)`처럼)는요?
 *   C. fiber 하나가 먼저 promise(바깥 세상)를 기다린 뒤 100 ms 잡니다. 테스트는
 *      promise가 아직 안 끝났을 때 100 ms를 adjust하고, 그다음 promise를 끝냅니다.
 *      그 sleep은 시계가 몇일 때 깨어날까요?
 *
 * TODO: 각 `todo()`를 예측으로 바꾸세요.
 */
import { todo } from "./todo.ts"

/** A */
export const sleepDueAt: number = todo()
/** B, each test with its own TestContext · 테스트마다 TestContext */
export const freshReadings: ReadonlyArray<number> = [todo(), todo()]
/** B, one TestContext for both · TestContext 하나를 공유 */
export const sharedReadings: ReadonlyArray<number> = [todo(), todo()]
/** C */
export const afterPromiseDueAt: number = todo()
