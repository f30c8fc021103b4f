/**
 * The poolwise CLI: `npm start` (the tour), `npm start -- demo`, `npm start -- sync`.
 */
import { Command, ValidationError } from "@effect/cli"
import { NodeContext, NodeRuntime } from "@effect/platform-node"
import { Effect, Option } from "effect"
import { demoCommand, demoPlan, showDemo } from "./demo.ts"

const tour = showDemo(demoPlan({ concurrency: Option.none(), chunkSize: Option.none(), durations: Option.none() }))

const root = Command.make("poolwise", {}, () => tour).pipe(
  Command.withDescription(
    "Bounded concurrency with Effect. With no command: the demo (chunked vs pooled on the seed workload).",
  ),
  Command.withSubcommands([demoCommand]),
)

const cli = Command.run(root, { name: "poolwise", version: "0.1.0" })

cli(process.argv).pipe(
  // @effect/cli has already printed what was wrong with the flags.
  Effect.catchIf(ValidationError.isValidationError, () => Effect.sync(() => process.exitCode = 2)),
  Effect.provide(NodeContext.layer),
  NodeRuntime.runMain,
)
