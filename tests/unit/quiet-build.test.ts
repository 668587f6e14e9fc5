import { describe, expect, it } from 'vitest';
import wranglerToml from '../../wrangler.toml?raw';
import { requiredSecrets } from '../../src/build/quiet-build';

// The build sets each required secret that is set nowhere to an empty value, so wrangler does not
// warn about a token the build never reads (src/build/quiet-build.ts): it must find them all.
describe('the required secrets the build answers for', () => {
  it('are the ones wrangler.toml declares', () => {
    expect(requiredSecrets(wranglerToml)).toEqual(['INSTRUCTOR_TOKEN']);
  });

  it('are read from the [secrets] table only, however many', () => {
    const toml = '[vars]\nrequired = ["NOT_A_SECRET"]\n\n[secrets]\nrequired = [ "A_TOKEN", "B_KEY" ]\n';
    expect(requiredSecrets(toml)).toEqual(['A_TOKEN', 'B_KEY']);
    expect(requiredSecrets('[vars]\nX = "1"\n')).toEqual([]);
  });
});
