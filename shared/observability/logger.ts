import { Logger } from '@aws-lambda-powertools/logger';

/** One structured logger per cold start (Powertools); the service name comes from POWERTOOLS_SERVICE_NAME. */
export const logger = new Logger({ serviceName: 'dealer-channel' });
