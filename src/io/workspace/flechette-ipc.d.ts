// flechette ships types for this module under dist/types, not beside the source file we import.
declare module '@uwdata/flechette/src/decode/decode-ipc.js' {
  import type {ArrowData} from '@uwdata/flechette'
  export function decodeIPC(data: Uint8Array): ArrowData
}
