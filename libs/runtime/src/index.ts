export { EXIT_CONFIG, runService } from './service.bootstrap';
