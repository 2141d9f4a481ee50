import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { DiskFullError, writingTo } from '../../../../training/train/disk-space'
import { writeSafetensorsFile } from '../../../../training/train/safetensors-file'
import { createTinyGPT2, writeTinyGPT2Folder } from '../../../fixtures/models/tiny-gpt2'

const SCRIPTS = fileURLToPath(new URL('../../../fixtures/scripts/retrain', import.meta.url))
const RUNNER = fileURLToPath(
  new URL('../../../fixtures/training/retrain-on-small-disk.ts', import.meta.url)
)
const root = mkdtempSync(join(tmpdir(), 'sb-disk-full-'))
const baseModel = join(root, 'base')
writeTinyGPT2Folder(baseModel, createTinyGPT2({ vocabSize: 101, contextLength: 64 }), {
  tokenizer: true
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

/// A real small filesystem needs a mount; an unprivileged user namespace (`unshare -rm`) gives one
/// without root where the kernel allows it.
function unshareMissingReason(): string | null {
  const probe = spawnSync('unshare', ['-rm', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs /mnt'])
  if (probe.error) return `unshare is not installed (${probe.error.message})`
  if (probe.status !== 0) return `unprivileged mount namespaces are off: ${probe.stderr}`
  return null
}
const skipReason = unshareMissingReason()
if (skipReason) console.warn(`[disk-full] small-filesystem tests skipped: ${skipReason}`)

interface Report {
  result: { ok: boolean; error?: { code: string; message: string } }
  events: string[]
  files: string[]
}

/// Runs the retraining on a tmpfs of `size` mounted over a fresh folder (visible to it alone).
function runOnSmallDisk(size: string, fillAfter = ''): Report {
  const disk = join(root, `disk-${size}-${fillAfter}`)
  mkdirSync(disk)
  const child = spawnSync(
    'unshare',
    [
      '-rm',
      'sh',
      '-c',
      `mount -t tmpfs -o size=${size} tmpfs "$0" && exec node --import tsx "$1" "$2" "$3" "$0" "$4"`,
      disk,
      RUNNER,
      baseModel,
      SCRIPTS,
      fillAfter
    ],
    { encoding: 'utf8', timeout: 120_000 }
  )
  const line = child.stdout.trim().split('\n').at(-1) ?? ''
  if (!line.startsWith('{')) throw new Error(`runner failed: ${child.stderr}`)
  return JSON.parse(line) as Report
}

describe('a full disk', () => {
  it('turns ENOSPC from a write into the disk-full message', async () => {
    const failing = writingTo('/dev', 5_000_000, () =>
      writeSafetensorsFile('/dev/full', [{ name: 'w', shape: [4], data: new Float32Array(4) }])
    )
    await expect(failing).rejects.toBeInstanceOf(DiskFullError)
    await expect(failing).rejects.toThrow(/The disk is full: free 5 MB or choose another folder/)
  })

  it.skipIf(skipReason !== null)(
    'refuses to start when the disk cannot hold the run, writing nothing',
    () => {
      const report = runOnSmallDisk('256k')
      expect(report.result).toMatchObject({ ok: false, error: { code: 'io-error' } })
      expect(report.result.error?.message).toMatch(
        /^The disk is full: free \d+ MB or choose another folder/
      )
      expect(report.events).toEqual([])
      expect(report.files).toEqual([])
    },
    120_000
  )

  it.skipIf(skipReason !== null)(
    'filling up mid-run: a clear message, the last checkpoint intact, no model folder',
    () => {
      const report = runOnSmallDisk('4m', '4')
      expect(report.events).toEqual(['checkpoint 4'])
      expect(report.result).toMatchObject({ ok: false, error: { code: 'io-error' } })
      expect(report.result.error?.message).toMatch(
        /^The disk is full: free \d+ MB or choose another folder .*The last complete checkpoint is kept/
      )
      // The step-4 checkpoint is complete (its three files), nothing half-written, no manifest.
      const run = report.files.filter((file) => file.startsWith('models/'))
      expect(run.filter((file) => file.includes('step-00000004')).sort()).toEqual([
        'models/my-voice/checkpoint/step-00000004/model.safetensors',
        'models/my-voice/checkpoint/step-00000004/optimizer.safetensors',
        'models/my-voice/checkpoint/step-00000004/trainer_state.json'
      ])
      expect(run.some((file) => file.includes('.partial'))).toBe(false)
      expect(run.some((file) => file.endsWith('script-buddy.json'))).toBe(false)
      expect(
        run.some((file) => file.endsWith('/model.safetensors') && !file.includes('checkpoint'))
      ).toBe(false)
    },
    120_000
  )
})
