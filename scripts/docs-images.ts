/**
 * `npm run docs:images`: (re)writes the pictures in docs/images/.
 */
import { Effect } from "effect"
import { mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { IMAGES_DIR, renderDocImages } from "./docs/images.ts"

const root = process.cwd()
const images = await Effect.runPromise(renderDocImages)
await mkdir(join(root, IMAGES_DIR), { recursive: true })
for (const [name, svg] of Object.entries(images)) {
  await writeFile(join(root, IMAGES_DIR, name), svg)
  console.log(`wrote ${IMAGES_DIR}/${name}`)
}
