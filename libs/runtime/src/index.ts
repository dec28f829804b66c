export { runService } from './service.bootstrap';
export { EXIT_CONFIG } from './exit-codes';
