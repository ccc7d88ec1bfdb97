import { runServiceMain } from '../../kit/src/service-runtime.js';
import { participantsService } from './service.js';

await runServiceMain(participantsService, 4102);
