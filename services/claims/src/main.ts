import { runServiceMain } from '../../kit/src/service-runtime.js';
import { claimsService } from './service.js';

await runServiceMain(claimsService, 4103);
