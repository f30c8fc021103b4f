/**
 * The playground's words, in English and Korean (terms from
 * docs/ko/glossary.md: 태스크, 상한, 청크, 슬롯, makespan, 워크로드). The
 * pictures' own words (`svgWords`) also label the Korean pictures of the docs
 * (scripts/docs/images.ts).
 */
import type { SvgWords } from "poolwise/timeline"

export interface PlaygroundStrings {
  readonly heading: string
  readonly durations: string
  readonly durationsHelp: string
  readonly limit: string
  readonly chunkSize: string
  readonly chunkSizeHelp: string
  readonly presets: string
  readonly blogWorkload: string
  readonly randomTasks: (count: number) => string
  readonly loading: string
  readonly chunked: string
  readonly pooled: string
  readonly makespan: string
  readonly idle: string
  readonly idleHelp: string
  readonly chunkedTitle: (chunkSize: number, makespan: number) => string
  readonly pooledTitle: (concurrency: number, makespan: number) => string
  readonly pictureTitle: (tasks: number) => string
  readonly idleLabel: string
  /** The renderer's words: the makespan marker, the slots, the legend. */
  readonly svgWords: SvgWords
  readonly computed: (ms: string, tasks: number) => string
  readonly textChart: string
  readonly runLive: string
  readonly cancelLive: string
  readonly liveRunning: string
  readonly liveTooLong: (seconds: number) => string
  readonly measured: string
  readonly predicted: string
  readonly errorHeading: string
}

const en: PlaygroundStrings = {
  heading: "Playground: chunked vs pooled",
  durations: "Task durations (ms, separated by commas)",
  durationsHelp: "Whole milliseconds, one per task, in input order.",
  limit: "Limit (pooled's concurrency)",
  chunkSize: "Chunk size (chunked)",
  chunkSizeHelp: "Empty: the same as the limit.",
  presets: "Workloads",
  blogWorkload: "The blog's workload",
  randomTasks: (count) => `${count} random tasks`,
  loading: "Loading the kit…",
  chunked: "chunked",
  pooled: "pooled",
  makespan: "makespan",
  idle: "idle slot time",
  idleHelp: "slots × makespan − the tasks' total time: how long slots waited while the run was not done.",
  chunkedTitle: (chunkSize, makespan) =>
    `chunked, chunkSize ${chunkSize} (Promise.all per chunk): done at ${makespan} ms`,
  pooledTitle: (concurrency, makespan) =>
    `pooled, concurrency ${concurrency} (a freed slot takes the next task): done at ${makespan} ms`,
  pictureTitle: (tasks) => `${tasks} ${tasks === 1 ? "task" : "tasks"}, predicted under TestClock`,
  idleLabel: "idle: waiting for the chunk",
  svgWords: {},
  computed: (ms, tasks) =>
    `Computed in ${ms} ms: the kit's pooled and chunked ran ${tasks} tasks each under TestClock.`,
  textChart: "The same schedules as text (renderGantt)",
  runLive: "Run on the real clock",
  cancelLive: "Cancel",
  liveRunning: "Running on the real clock…",
  liveTooLong: (seconds) => `The real-clock run is for schedules up to ${seconds} s.`,
  measured: "measured",
  predicted: "predicted",
  errorHeading: "The kit refused the input",
}

const ko: PlaygroundStrings = {
  heading: "플레이그라운드: chunked 대 pooled",
  durations: "태스크 길이 (ms, 쉼표로 구분)",
  durationsHelp: "태스크마다 하나씩, 입력 순서대로 쓴 정수 밀리초입니다.",
  limit: "상한 (pooled의 동시 실행 수)",
  chunkSize: "청크 크기 (chunked)",
  chunkSizeHelp: "비워 두면 상한과 같습니다.",
  presets: "워크로드",
  blogWorkload: "블로그 워크로드",
  randomTasks: (count) => `무작위 태스크 ${count}개`,
  loading: "키트를 불러오는 중…",
  chunked: "chunked",
  pooled: "pooled",
  makespan: "makespan",
  idle: "슬롯이 논 시간",
  idleHelp: "슬롯 수 × makespan − 태스크 길이의 합: 실행이 끝나기 전에 슬롯이 기다린 시간입니다.",
  chunkedTitle: (chunkSize, makespan) =>
    `chunked, 청크 크기 ${chunkSize} (청크마다 Promise.all): ${makespan} ms에 끝남`,
  pooledTitle: (concurrency, makespan) =>
    `pooled, 동시 실행 수 ${concurrency} (빈 슬롯이 다음 태스크를 가져감): ${makespan} ms에 끝남`,
  pictureTitle: (tasks) => `태스크 ${tasks}개, TestClock으로 예측`,
  idleLabel: "청크를 기다리며 노는 중",
  svgWords: {
    doneAt: (ms) => `${ms} ms에 끝남`,
    slot: (slot) => `슬롯 ${slot}`,
    idle: "대기",
    outcomes: { succeeded: "성공", failed: "실패", interrupted: "중단됨" },
  },
  computed: (ms, tasks) =>
    `${ms} ms 만에 계산: 키트의 pooled와 chunked가 TestClock 위에서 태스크 ${tasks}개씩 돌았습니다.`,
  textChart: "같은 스케줄을 텍스트로 (renderGantt)",
  runLive: "실제 시계로 실행",
  cancelLive: "취소",
  liveRunning: "실제 시계로 실행 중…",
  liveTooLong: (seconds) => `실제 시계 실행은 ${seconds}초까지의 스케줄만 합니다.`,
  measured: "측정",
  predicted: "예측",
  errorHeading: "키트가 입력을 거절했습니다",
}

/** The words for a page's language (`ko`, `ko-KR`: Korean; anything else: English). */
export const stringsFor = (lang: string): PlaygroundStrings => lang.toLowerCase().startsWith("ko") ? ko : en
