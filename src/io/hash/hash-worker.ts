/** Worker thread entry of hashFileInBackground (see file-hash.ts). */
import {parentPort, workerData} from 'node:worker_threads'
import {hashFileSync} from './file-hash.js'

try {
  parentPort!.postMessage({ok: true, hash: hashFileSync((workerData as {path: string}).path)})
} catch (error) {
  // File-system errors keep their code (ENOENT, EACCES...) for the user-error mapping.
  const e = error as NodeJS.ErrnoException
  parentPort!.postMessage({ok: false, code: e.code, message: e.message})
}
