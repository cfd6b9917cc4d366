import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { publishNumberPools } from '../lib/aws/emf-number-pool-metrics';
import { lambdaEnv } from '../lib/aws/lambda-env';
import { lambdaWebex } from '../lib/aws/lambda-webex';
import { logger } from '../lib/logger';
import { countFreeNumbers, lowPools, numberPoolLowWatermark, type LocationPool } from '../lib/number-pool/free-numbers';
import type { Deps } from '../lib/runtime/deps';

/**
 * The daily count of free numbers (EventBridge Scheduler, asynchronously): every calling location's pool as a
 * metric (FreeNumbers by location, LowestFreeNumbers for the alarm), and one log line naming each location under
 * NUMBER_POOL_LOW_WATERMARK, which the LowNumberPool alarm's message points to. Read-only: it changes nothing in
 * Webex. Composed with the runtime's Webex client and metrics sink (the Lambda's below).
 */
export const createHandler = ({ env, webex }: Pick<Deps, 'env' | 'webex'>, publish: (pools: readonly LocationPool[]) => void = publishNumberPools) =>
  middy()
    .use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }))
    .handler(async () => {
      const watermark = numberPoolLowWatermark(env());
      const pools = await countFreeNumbers(webex());
      publish(pools);
      const low = lowPools(pools, watermark);
      if (low.length) logger.warn('number pools low', { watermark, locations: low });
      else logger.info('number pools counted', { locations: pools.length, lowest: pools[0]?.free });
      return { watermark, pools, low };
    });

export const handler = createHandler({ env: lambdaEnv, ...lambdaWebex });
