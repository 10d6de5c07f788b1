import fs from 'node:fs/promises';
import path from 'node:path';
import { randomToken } from '../ids';
import type { BlobStorage } from './storage';

const KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

/**
 * A folder on local disk (DATA_DIR/files by default). Each object is written to a temporary file, flushed to disk,
 * and renamed into place, so a crash never leaves half a document under a real key.
 */
export function localStorage(root: string): BlobStorage {
  const pathOf = (key: string) => {
    if (!KEY.test(key)) throw new Error('Invalid storage key');
    return path.join(root, key);
  };
  return {
    name: 'local',
    async put(key, bytes) {
      const target = pathOf(key);
      await fs.mkdir(path.dirname(target), { recursive: true });
      const temporary = `${target}.${randomToken(8)}.partial`;
      const handle = await fs.open(temporary, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temporary, target);
    },
    async get(key) {
      return fs.readFile(pathOf(key));
    },
  };
}
