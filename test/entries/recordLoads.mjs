// Registers a module hook that writes every module URL Node loads to the file
// named by POOLWISE_LOADS, one per line (see imports.test.ts).
import { register } from "node:module"

register("./loadHooks.mjs", import.meta.url)
