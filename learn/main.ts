/**
 * `npm run learn` (or `deno task learn`): the learner's track. Without a
 * command, the watch loop; with one, that command once. See `--help`.
 */
import { stat } from "node:fs/promises"
import { join, resolve } from "node:path"
import { InvalidOptionError } from "poolwise"
import { checkFile } from "./check.ts"
import { checkAll } from "./checkAll.ts"
import { runCommand } from "./commands.ts"
import { shippedExercises, shown } from "./files.ts"
import { readProgress, writeProgress } from "./progress.ts"
import { renderExercise, renderList, type Style } from "./screen.ts"
import { type Lang, langOfEnvironment, text } from "./text.ts"
import { exerciseNumber, track } from "./track/index.ts"
import { watch } from "./watch.ts"

const help = text(
  `npm run learn [-- COMMAND] [--lang en|ko] [--dir PATH]     (or: deno task learn …)

Without a command: the watch loop. It checks the current exercise on every save
of its file and takes these commands at its prompt (or once, on the command line):

  hint        a hint; again for a more specific one
  list        every exercise, with your progress
  next        the next exercise, once this one is solved
  skip        leave this one for later
  start N     go to exercise N
  reset N     put exercise N back as shipped (reset all: every one)
  solution    one solution, once the exercise is solved
  quit        leave (progress is kept)

  --check     check every exercise once, no terminal needed (exit 0 when all pass)
  --check N   check exercise N once, with its whole verdict
  --lang      en or ko (default: the locale, LANG=ko_KR.UTF-8 is Korean)
  --dir       the exercises folder (default: exercises/ of this repository)
`,
  `npm run learn [-- 명령] [--lang en|ko] [--dir 경로]     (또는: deno task learn …)

명령 없이 실행하면 watch 루프입니다. 현재 연습 파일을 저장할 때마다 검사하고,
프롬프트에서(또는 명령줄에서 한 번) 다음 명령을 받습니다.

  hint        힌트. 한 번 더 입력하면 더 구체적인 힌트
  list        모든 연습과 진행 상황
  next        이 연습을 풀었으면 다음 연습으로
  skip        이 연습은 나중으로
  start N     연습 N으로
  reset N     연습 N을 처음 상태로(reset all: 전부)
  solution    연습을 푼 뒤에 풀이 하나
  quit        끝내기(진행 상황은 남습니다)

  --check     모든 연습을 한 번 검사(터미널 없이, 모두 통과하면 종료 코드 0)
  --check N   연습 N을 한 번 검사하고 결과를 모두 보여 줌
  --lang      en 또는 ko(기본: 로캘, LANG=ko_KR.UTF-8이면 한국어)
  --dir       연습 폴더(기본: 이 저장소의 exercises/)
`,
)

interface Options {
  readonly lang: Lang
  readonly dir: string
  readonly check: false | "all" | number
  readonly help: boolean
  readonly command: string | undefined
}

const refuse = (option: string, value: unknown, reason: string): never => {
  throw new InvalidOptionError({ option, value, reason })
}

const exerciseArgument = (option: string, word: string): number => {
  const n = Number(word)
  return /^\d+$/.test(word) && n >= 1 && n <= track.length
    ? n
    : refuse(option, word, `expected an exercise number from 1 to ${track.length}`)
}

const parse = (args: ReadonlyArray<string>, env: Readonly<Record<string, string | undefined>>): Options => {
  let lang = langOfEnvironment(env)
  let dir = shippedExercises
  let check: Options["check"] = false
  let wantsHelp = false
  const words: Array<string> = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const [flag, inline] = arg.startsWith("--") && arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, undefined]
    const value = () => inline ?? args[++i] ?? refuse(flag, undefined, "expected a value")
    if (flag === "--lang") {
      const chosen = value()
      lang = chosen === "en" || chosen === "ko" ? chosen : refuse("--lang", chosen, 'expected "en" or "ko"')
    } else if (flag === "--dir") dir = resolve(env["INIT_CWD"] ?? process.cwd(), value())
    else if (flag === "--check") {
      const next = inline ?? args[i + 1]
      if (next !== undefined && /^\d+$/.test(next)) {
        if (inline === undefined) i++
        check = exerciseArgument("--check", next)
      } else check = "all"
    } else if (flag === "--help" || flag === "-h") wantsHelp = true
    else if (flag.startsWith("-")) refuse(flag, arg, "expected one of --check, --lang, --dir, --help")
    else words.push(arg)
  }
  return { lang, dir, check, help: wantsHelp, command: words.length > 0 ? words.join(" ") : undefined }
}

const main = async (): Promise<number> => {
  let options: Options
  try {
    options = parse(process.argv.slice(2), process.env)
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
    return 2
  }
  const style: Style = {
    lang: options.lang,
    color: process.stdout.isTTY === true && process.env["NO_COLOR"] === undefined,
  }
  const write = (s: string) => process.stdout.write(s)
  if (options.help) return write(help[options.lang]), 0
  if (!(await stat(options.dir).then((s) => s.isDirectory(), () => false))) {
    process.stderr.write(
      `${
        new InvalidOptionError({ option: "--dir", value: options.dir, reason: "expected a folder of exercises" })
          .message
      }\n`,
    )
    return 2
  }
  if (options.check !== false) {
    return checkAll(options.dir, style, write, options.check === "all" ? undefined : options.check)
  }
  if (options.command !== undefined) {
    const outcome = await runCommand(options.command, await readProgress(options.dir, track.length), options.dir)
    await writeProgress(options.dir, outcome.progress)
    if (outcome.show === "list") write(renderList(style, outcome.progress) + "\n")
    else if (typeof outcome.show === "object") write(outcome.show.text)
    else {
      const exercise = exerciseNumber(outcome.progress.current)!
      const file = join(options.dir, exercise.file)
      const verdict = await checkFile(exercise, file)
      write(renderExercise(style, outcome.progress, exercise, shown(file), verdict, outcome.notice) + "\n")
    }
    return 0
  }
  await watch({
    dir: options.dir,
    style,
    clear: process.stdout.isTTY === true,
    input: process.stdin,
    output: process.stdout,
  })
  return 0
}

// Anything unforeseen is said in one line, never as a stack trace.
const code = await main().catch((error: unknown) => {
  process.stderr.write(`learn: ${error instanceof Error ? error.message : String(error)}\n`)
  return 1
})
process.exit(code)
