import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // One fresh temp folder per run, checked empty and removed at the end; each test file's tempDir folders removed after it.
    globalSetup: ['test/helpers/temp-run.ts'],
    setupFiles: ['test/helpers/temp-cleanup.ts'],
  },
})
