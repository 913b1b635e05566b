/** Worker thread entry of hashFileInBackground (see file-hash.ts). */
import {parentPort, workerData} from 'node:worker_threads'
import {hashFileSync, type HashMessage} from './file-hash.js'

const {path, reportNotUtf8} = workerData as {path: string; reportNotUtf8: boolean}
const post = (m: HashMessage): void => parentPort!.postMessage(m)
try {
  post({ok: true, hash: hashFileSync(path, reportNotUtf8 ? () => post({notUtf8: true}) : undefined)})
} catch (error) {
  // File-system errors keep their code (ENOENT, EACCES...) for the user-error mapping.
  const e = error as NodeJS.ErrnoException
  post({ok: false, code: e.code, message: e.message})
}
