import net from 'node:net';

/** Ports of the local cloud. `npm start` uses the defaults (PORT moves the API); tests use another plan. */
export interface PortPlan {
  readonly api: number;
  readonly dynamodb: number;
  readonly cognito: number;
  readonly s3: number;
  readonly ses: number;
  readonly stepFunctions: number;
}

export const defaultPorts: PortPlan = {
  api: 3000,
  dynamodb: 8000,
  cognito: 9229,
  s3: 4569,
  ses: 8005,
  stepFunctions: 8083,
};

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A plan of ports free right now, for a second cloud beside `npm start` or another run (tests, benchmarks). */
export async function freePorts(): Promise<PortPlan> {
  const [api, dynamodb, cognito, s3, ses, stepFunctions] = await Promise.all(Array.from({ length: 6 }, freePort));
  return { api: api!, dynamodb: dynamodb!, cognito: cognito!, s3: s3!, ses: ses!, stepFunctions: stepFunctions! };
}

const envPort = (name: string): number | undefined => {
  const value = process.env[name];
  if (value === undefined || value === '') return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port <= 0 || port > 65_535) throw new Error(`${name} must be a port number, got "${value}"`);
  return port;
};

/** Default plan with environment overrides: PORT, LOCAL_DYNAMODB_PORT, LOCAL_COGNITO_PORT, ... */
export function portsFromEnvironment(): PortPlan {
  return {
    api: envPort('PORT') ?? defaultPorts.api,
    dynamodb: envPort('LOCAL_DYNAMODB_PORT') ?? defaultPorts.dynamodb,
    cognito: envPort('LOCAL_COGNITO_PORT') ?? defaultPorts.cognito,
    s3: envPort('LOCAL_S3_PORT') ?? defaultPorts.s3,
    ses: envPort('LOCAL_SES_PORT') ?? defaultPorts.ses,
    stepFunctions: envPort('LOCAL_SFN_PORT') ?? defaultPorts.stepFunctions,
  };
}
