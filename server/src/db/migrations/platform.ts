import type { Configuration } from '@mikro-orm/core';

/** Which SQL dialect a migration is running against. */
export function migrationPlatform(config: Configuration): 'sqlite' | 'postgresql' {
  const platform = config.getPlatform().constructor.name;
  return /sqlite/i.test(platform) ? 'sqlite' : 'postgresql';
}
