// flechette ships types for these modules under dist/types, not beside the source files we import.
declare module '@uwdata/flechette/src/decode/decode-ipc.js' {
  import type {ArrowData} from '@uwdata/flechette'
  export function decodeIPC(data: Uint8Array): ArrowData
}
declare module '@uwdata/flechette/src/constants.js' {
  export const Type: {Utf8: number; Dictionary: number; Int: number; Float: number; Bool: number}
}
declare module '@uwdata/flechette/src/decode/block.js' {
  export function decodeBlocks(buf: Uint8Array, index: number): {offset: number; metadataLength: number; bodyLength: number}[]
}
declare module '@uwdata/flechette/src/decode/dictionary-batch.js' {
  import type {RecordBatch} from '@uwdata/flechette'
  export function decodeDictionaryBatch(buf: Uint8Array, index: number, version: number): {id: number; data: RecordBatch; isDelta: boolean}
}
declare module '@uwdata/flechette/src/decode/record-batch.js' {
  import type {RecordBatch} from '@uwdata/flechette'
  export function decodeRecordBatch(buf: Uint8Array, index: number, version: number): RecordBatch
}
declare module '@uwdata/flechette/src/decode/schema.js' {
  import type {Schema} from '@uwdata/flechette'
  export function decodeSchema(buf: Uint8Array, index: number, version: number): Schema
}
declare module '@uwdata/flechette/src/util/read.js' {
  type Reader<T> = (buf: Uint8Array, index: number) => T
  export function readObject(buf: Uint8Array, index: number): <T>(field: number, read: Reader<T>, fallback?: T) => T
  export function readInt16(buf: Uint8Array, offset: number): number
  export function readInt32(buf: Uint8Array, offset: number): number
  export function readUint8(buf: Uint8Array, offset: number): number
  export function readOffset(buf: Uint8Array, offset: number): number
}
