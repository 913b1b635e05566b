/**
 * The common definitions a report was built with: the workspace's stored
 * supplier crosswalk and classification rules (its `overlays`), pinned in the
 * report's manifest.json by SHA-256 and source, so `spend verify` can tell
 * when the workspace now applies other ones (the rebuilt figures would differ
 * for that reason, not because the report was altered) and stop, saying which.
 */
import type {OverlayEntry, OverlayKind} from '../../io/workspace/manifest.js'
import type {FrameOverlays} from '../frame-load.js'

export const OVERLAY_KINDS: readonly OverlayKind[] = ['entities', 'classification']

/** One overlay as a manifest pins it. */
export interface OverlayPin {
  sha256: string
  source: string
  rows: number
}

/** The manifest's `overlays`: each kind's pin, null when none was stored. */
export type OverlayPins = Record<OverlayKind, OverlayPin | null>

export type OverlayStatus = 'same' | 'changed' | 'added' | 'removed'

/** How a pinned overlay compares with the workspace's: `added` (stored since), `removed` (cleared since). */
export interface OverlayCheck {
  kind: OverlayKind
  status: OverlayStatus
  pinned: OverlayPin | null
  stored: OverlayPin | null
}

const pin = (e: OverlayEntry | undefined | null): OverlayPin | null => (e ? {sha256: e.sha256, source: e.source, rows: e.rows} : null)

/**
 * The pins of the overlays a frame was loaded with.
 * @example overlayPins(NO_OVERLAYS) // {entities: null, classification: null}
 */
export function overlayPins(o: FrameOverlays): OverlayPins {
  return {entities: pin(o.entities?.entry), classification: pin(o.classification?.entry)}
}

/**
 * Compare the pins (null: a manifest written before they were recorded,
 * meaning none) with the workspace manifest's stored overlays.
 * @example checkOverlays(null, {})[0] // {kind: 'entities', status: 'same', pinned: null, stored: null}
 */
export function checkOverlays(pins: OverlayPins | null, stored: Partial<Record<OverlayKind, OverlayEntry>> | undefined): OverlayCheck[] {
  return OVERLAY_KINDS.map((kind) => {
    const p = pins?.[kind] ?? null
    const s = pin(stored?.[kind])
    const status: OverlayStatus = p === null ? (s === null ? 'same' : 'added') : s === null ? 'removed' : p.sha256 === s.sha256 ? 'same' : 'changed'
    return {kind, status, pinned: p, stored: s}
  })
}

/**
 * Read a manifest's `overlays` value: the pins, null when absent; undefined
 * when it is malformed (the caller says so).
 */
export function parseOverlayPins(v: unknown): OverlayPins | null | undefined {
  if (v === undefined) return null
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined
  const out: OverlayPins = {entities: null, classification: null}
  for (const kind of OVERLAY_KINDS) {
    const p = (v as Record<string, unknown>)[kind]
    if (p === null || p === undefined) continue
    const o = p as Record<string, unknown>
    if (typeof o !== 'object' || typeof o.sha256 !== 'string' || typeof o.source !== 'string' || !Number.isInteger(o.rows)) return undefined
    out[kind] = {sha256: o.sha256, source: o.source, rows: o.rows as number}
  }
  return out
}
