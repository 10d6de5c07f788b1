import type { Config } from '../config/config';
import { localStorage } from './local-storage';
import { s3Storage } from './s3-storage';
import type { BlobStorage } from './storage';

/** The store the configuration names: a local folder (default) or an S3-compatible bucket. */
export function storageFromConfig(config: Config): BlobStorage {
  return config.storage.kind === 'local' ? localStorage(config.storage.directory) : s3Storage(config.storage);
}
