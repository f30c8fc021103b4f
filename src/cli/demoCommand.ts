/**
 * `poolwise demo`, declared: its flags, and a handler that loads the demo
 * (the runners, the recorder, the charts, virtual time) once they were accepted.
 */
import { Command, Options } from "@effect/cli"
import { Effect } from "effect"
import { positiveInteger } from "../internal/options/rules.ts"
import { demoLimit, demoLimits } from "./demoLimits.ts"
import { durationsFlag, logLevelFlag, numberFlag, withLogLevel } from "./flags.ts"

export const demoFlags = {
  concurrency: numberFlag("concurrency", positiveInteger, "Tasks in flight at once for pooled.", {
    default: demoLimit,
  }),
  chunkSize: numberFlag("chunk-size", positiveInteger, "Items per chunk for chunked.", { default: "the concurrency" }),
  durations: durationsFlag("durations", "Task durations in ms. Default: 100,300,200 (the blog's workload).").pipe(
    Options.optional,
  ),
  svg: Options.file("svg", { exists: "either" }).pipe(
    Options.withPseudoName("FILE"),
    Options.withDescription("Also write both schedules as an SVG picture (the one in docs/images) to FILE."),
    Options.optional,
  ),
  logLevel: logLevelFlag,
}

export const demoCommand = Command.make(
  "demo",
  demoFlags,
  (flags) =>
    Effect.flatMap(
      Effect.promise(() => import("./demo.ts")),
      (demo) => demo.demo(demo.demoPlan({ ...demoLimits(flags), durations: flags.durations }), flags.svg),
    ).pipe(withLogLevel(flags.logLevel)),
).pipe(
  Command.withDescription(
    "Run a workload under chunked and pooled on real timers and draw both schedules. Default: the blog's " +
      `workload, 100/300/200 ms with a limit of ${demoLimit}.`,
  ),
)
