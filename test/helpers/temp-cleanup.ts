// vitest setupFiles: every folder a test file made with tempDir is removed once its tests are done
// (after the file's own afterAll hooks: vitest runs after-hooks in reverse order of registration).
import {afterAll} from 'vitest'
import {removeTempDirs} from './temp.js'

afterAll(() => removeTempDirs())
