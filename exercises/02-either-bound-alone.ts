/**
 * Exercise 2 · predict · chapter 1, The incident (docs/01-the-incident.md)
 *
 * The fix has two halves: cap the connection pool, and bound the tasks.
 * Either one alone would have saved the night. Here 20 products are synced;
 * each asks the supplier (100 ms), then holds a connection for its UPDATE
 * (10 ms). The pool lends at most `poolSize` connections at once; the
 * others wait for one inside the process.
 *
 * TODO: predict the most connections the server sees at once in each setup.
 *
 * ---
 * 연습 2 · 예측 · 1장, 장애 (docs/ko/01-the-incident.md)
 *
 * 해결책은 두 가지입니다. 커넥션 풀에 상한을 두고, 태스크에도 상한을 둡니다. 둘 중
 * 하나만 있었어도 그날 밤은 무사했을 것입니다. 여기서는 상품 20개를 동기화합니다.
 * 각 상품은 공급사에 묻고(100 ms), UPDATE 동안 커넥션 하나를 잡습니다(10 ms). 풀은
 * 한 번에 최대 `poolSize`개의 커넥션만 빌려주고, 나머지는 프로세스 안에서
 * 기다립니다.
 *
 * TODO: 각 경우에 서버가 한 번에 보는 커넥션 수의 최고치를 예측하세요.
 */
import { todo } from "./todo.ts"

export const peakConnections = {
  /** every task at once (`Promise.all`), over a pool of 5 · 모든 태스크를 한꺼번에, 풀 크기 5 */
  allAtOncePoolOf5: todo(),
  /** 10 workers (`pooled`, concurrency 10), over a pool of 100 · 워커 10개, 풀 크기 100 */
  tenWorkersPoolOf100: todo(),
  /** every task at once, over a pool of 100 · 모든 태스크를 한꺼번에, 풀 크기 100 */
  allAtOncePoolOf100: todo(),
  /** 10 workers, over a pool of 5 · 워커 10개, 풀 크기 5 */
  tenWorkersPoolOf5: todo(),
}
