/**
 * `npm run check:browser`: the root entry, `poolwise/testing` and
 * `poolwise/timeline` bundle for the browser with no Node built-in; exits
 * non-zero, naming the import, if one creeps in.
 */
import { fileURLToPath } from "node:url"
import { checkBrowserBundles, describeReport } from "./browser/bundle.ts"

const root = fileURLToPath(new URL("../", import.meta.url))
const report = await checkBrowserBundles(root)
for (const line of describeReport(report)) console.log(line)
if (report.builtins.length > 0) {
  console.error(`${report.builtins.length} Node built-in import(s) in the browser entries`)
  process.exit(1)
}
console.log("the browser entries use no Node built-in")
