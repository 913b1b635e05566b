/**
 * Worker thread entry of a split read (see split.ts): reads the second half
 * of the file once told to go, and posts what it wrote and counted.
 */
import {parentPort, workerData} from 'node:worker_threads'
import {type HalfArgs, type HalfGo, readHalf} from './split-part.js'

const go = new Promise<HalfGo | null>((resolve) => parentPort!.once('message', resolve))
readHalf(workerData as HalfArgs, go).then(
  (result) => parentPort!.postMessage({ok: true, result}),
  (error: unknown) => parentPort!.postMessage({ok: false, why: error instanceof Error ? error.message : String(error)}),
)
