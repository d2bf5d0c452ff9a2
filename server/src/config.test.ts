import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('should default to port 4000 and the embedded SQLite file', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.databaseUrl).toBe('sqlite:./data/rapport.sqlite');
    expect(config.redisUrl).toBeUndefined();
    expect(config.limits.maxPageSize).toBe(100);
    expect(config.limits.wsMaxPayloadBytes).toBeLessThan(1024 * 1024);
  });

  it('should read PORT, DATABASE_URL and REDIS_URL', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u@db/rapport', REDIS_URL: 'redis://cache:6379' });
    expect(config).toMatchObject({ port: 8080, databaseUrl: 'postgres://u@db/rapport', redisUrl: 'redis://cache:6379' });
  });

  it('should name the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(new ConfigError('PORT must be an integer >= 0, got "eighty"'));
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ RAPPORT_ADMIN_PASSWORD: 'short' })).toThrow(/RAPPORT_ADMIN_PASSWORD/);
    expect(() => loadConfig({ RAPPORT_DEMO: 'maybe' })).toThrow(/RAPPORT_DEMO/);
  });
});
