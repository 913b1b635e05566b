import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two test files at a time: most tests wait on spawned spend processes, so one worker (the
    // default on 2 cores) leaves a core idle; the suite ran 21 min with one worker here.
    maxWorkers: 2,
    // One fresh temp folder per run, checked empty and removed at the end; each test file's tempDir folders removed after it.
    globalSetup: ['test/helpers/temp-run.ts'],
    setupFiles: ['test/helpers/temp-cleanup.ts'],
  },
})
