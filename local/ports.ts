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

/**
 * Ports are drawn below the usual ephemeral range (Linux: 32768-60999), from which the system also
 * picks the local port of every outgoing connection: a port found free there could be taken by a
 * client socket before the stand-in listens on it.
 */
const drawRange = { from: 20_000, to: 32_000 };

function listen(port: number): Promise<net.Server | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** `count` distinct ports that could all be listened on (each is held until all are found). */
async function freePortList(count: number): Promise<number[]> {
  const held: net.Server[] = [];
  try {
    for (let attempt = 0; held.length < count; attempt += 1) {
      const candidate = attempt < 200 ? drawRange.from + Math.floor(Math.random() * (drawRange.to - drawRange.from)) : 0;
      const server = await listen(candidate);
      if (server) held.push(server);
    }
    return held.map((server) => (server.address() as net.AddressInfo).port);
  } finally {
    await Promise.all(held.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

/** A plan of ports free right now, for a second cloud beside `npm start` or another run (tests, benchmarks). */
export async function freePorts(): Promise<PortPlan> {
  const ports = await freePortList(6);
  const [api, dynamodb, cognito, s3, ses, stepFunctions] = ports;
  if (
    api === undefined ||
    dynamodb === undefined ||
    cognito === undefined ||
    s3 === undefined ||
    ses === undefined ||
    stepFunctions === undefined
  ) {
    throw new Error(`Asked for 6 free ports, got ${ports.length}.`);
  }
  return { api, dynamodb, cognito, s3, ses, stepFunctions };
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
