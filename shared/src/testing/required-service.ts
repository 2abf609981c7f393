/**
 * The value of a service variable (DATABASE_URL, KAFKA_BROKERS, REDIS_URL) for a test. Without it the
 * test is skipped locally, but with REQUIRE_SERVICES=1 (CI) a missing service is a failure, never a skip.
 */
export function requiredService(variable: string): string | undefined {
  const value = process.env[variable];
  if (value) return value;
  if (process.env.REQUIRE_SERVICES === '1') {
    throw new Error(`${variable} must be set: REQUIRE_SERVICES=1 forbids skipping tests that need it`);
  }
  return undefined;
}
