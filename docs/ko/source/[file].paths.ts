// One page per repository file the Korean pages link to (the site's dynamic route).
import { fileURLToPath } from "node:url"
import { sourceRoutes } from "../../.vitepress/site/sourcePages.ts"

export default {
  paths: () => sourceRoutes(fileURLToPath(new URL("../../../", import.meta.url)), "/ko"),
}
