import { runServiceMain } from '../../kit/src/service-runtime.js';
import { municipalitiesService } from './service.js';

await runServiceMain(municipalitiesService, 4101);
