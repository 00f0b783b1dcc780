import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * Observability singletons. Service name, namespace and switches come from the standard
 * POWERTOOLS_* variables set by the service-function construct (and by the local cloud).
 * Never log events, tokens or personal data: log identifiers and outcomes only.
 *
 * No Powertools Tracer: traces come from Lambda's active X-Ray tracing. The Tracer only added a
 * handler subsegment, and its X-Ray SDK installs an async hook (cls-hooked) on load that taxes
 * every promise of the process: about a third of a warm request's CPU (docs/decisions.md).
 */
export const logger = new Logger();
export const metrics = new Metrics();

/**
 * Publishes the metrics an invocation recorded, and nothing when it recorded none (Powertools'
 * `logMetrics` would warn on every such invocation).
 */
export const publishMetrics = () => {
  const publish = async () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: publish, onError: publish };
};

/** What a log line says of an error: its name (`ConditionalCheckFailedException`, `ZodError`), never its message, which may quote data. */
export const errorName = (error: unknown) => (error instanceof Error ? error.name : 'unknown');
