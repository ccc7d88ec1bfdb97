import { inject } from 'vitest';

// Every test process shares the run's secrets, so tokens it signs are the ones services accept.
Object.assign(process.env, inject('secretEnv'));
