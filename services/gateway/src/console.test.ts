import { expect, test } from 'vitest';
import { readConsoleOptions } from './console.js';

const devKeys = { jwtSecret: 'x'.repeat(32), jwksUrl: null };

test('the development token endpoint is on only on the launcher’s own development keys', () => {
  expect(readConsoleOptions(devKeys, false, { LINDUNG_CONSOLE_DEV_SIGNIN: '1' }).devTokenSecret).toBe(devKeys.jwtSecret);
  // Not asked for, production, or tokens verified against an identity provider: off.
  expect(readConsoleOptions(devKeys, false, {}).devTokenSecret).toBeNull();
  expect(readConsoleOptions(devKeys, true, { LINDUNG_CONSOLE_DEV_SIGNIN: '1' }).devTokenSecret).toBeNull();
  expect(readConsoleOptions({ jwtSecret: devKeys.jwtSecret, jwksUrl: 'https://idp.example/jwks' }, false, { LINDUNG_CONSOLE_DEV_SIGNIN: '1' }).devTokenSecret).toBeNull();
});

test('OIDC settings come from the environment, with the supervisor threshold the claims service uses', () => {
  const options = readConsoleOptions(devKeys, false, {
    LINDUNG_OIDC_ISSUER: 'https://idp.example/realms/bpjs',
    LINDUNG_OIDC_CLIENT_ID: 'lindung-console',
    LINDUNG_SUPERVISOR_THRESHOLD: '25000000',
  });
  expect(options).toMatchObject({ oidc: { issuer: 'https://idp.example/realms/bpjs', clientId: 'lindung-console', scope: 'openid profile' }, supervisorThreshold: '25000000' });
  expect(readConsoleOptions(devKeys, false, {}).oidc).toBeNull();
});
