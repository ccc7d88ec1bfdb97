import { Logger, type Attributes, type LogLevel, type LogWriter } from '@graphql-hive/gateway-runtime';

/**
 * The gateway's log. Hive logs a failed subgraph call with the request it sent, variables and
 * all, and those can hold a NIK or a bank account: we write only the message and a few plain
 * attributes, never bodies, variables or headers.
 */
export function createGatewayLogger(level: LogLevel | false = (process.env['LINDUNG_LOG_LEVEL'] as LogLevel | undefined) ?? 'warn'): Logger {
  return new Logger({ level, writers: [new SafeLogWriter()] });
}

const SAFE_ATTRIBUTES = ['requestId', 'subgraphName', 'serviceName', 'code', 'name'];

class SafeLogWriter implements LogWriter {
  write(level: LogLevel, attrs: Attributes | null | undefined, msg: string | null | undefined): void {
    const safe: Record<string, unknown> = {};
    if (attrs && !Array.isArray(attrs)) {
      const error = attrs as Record<string, unknown> & { extensions?: Record<string, unknown> };
      if (typeof error['message'] === 'string') safe['error'] = error['message'];
      for (const key of SAFE_ATTRIBUTES) {
        const value = error[key] ?? error.extensions?.[key];
        if (typeof value === 'string' || typeof value === 'number') safe[key] = value;
      }
    }
    const line = `gateway ${level}: ${msg || 'request failed'}${Object.keys(safe).length ? ` ${JSON.stringify(safe)}` : ''}`;
    if (level === 'error' || level === 'warn') console.error(line);
    else console.log(line);
  }
}
