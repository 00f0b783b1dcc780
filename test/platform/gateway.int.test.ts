import { AdminInitiateAuthCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { routes } from '#definitions/routes.ts';
import { localCognitoClientConfig } from '#local/cognito.ts';
import { api, cloud } from '../support/api.ts';

describe('the local API gateway', () => {
  it('reports every dependency healthy', async () => {
    const response = await api('GET', '/health');
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.dependencies.map((d: { name: string }) => d.name).sort()).toEqual(['cognito', 'dynamodb', 's3', 'ses']);
    expect(response.body.dependencies.every((d: { status: string }) => d.status === 'ok')).toBe(true);
  });

  it('answers 404, as an HTTP API does, for an unknown path and for a known path with another method', async () => {
    expect((await api('GET', '/nowhere')).status).toBe(404);
    const wrongMethod = await api('DELETE', '/companies');
    expect(wrongMethod.status).toBe(404);
    expect(wrongMethod.body).toEqual({ message: 'Not Found' });
    expect(wrongMethod.headers.get('allow')).toBeNull();
  });

  it('accepts the ID token of a Cognito sign-in and refuses its access token with 401', async () => {
    const { environment, demoAccounts, demoPassword } = cloud();
    const operator = demoAccounts.find((account) => account.key === 'operator')!;
    const cognito = new CognitoIdentityProviderClient(localCognitoClientConfig(environment.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER!));
    try {
      const { AuthenticationResult } = await cognito.send(
        // The flow the login route uses: the app client allows no USER_PASSWORD_AUTH.
        new AdminInitiateAuthCommand({
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          UserPoolId: environment.USER_POOL_ID,
          ClientId: environment.USER_POOL_CLIENT_ID,
          AuthParameters: { USERNAME: operator.email, PASSWORD: demoPassword },
        }),
      );
      expect((await api('GET', '/operator/jobs', { token: AuthenticationResult?.IdToken })).status).toBe(200);
      const withAccessToken = await api('GET', '/operator/jobs', { token: AuthenticationResult?.AccessToken });
      expect(withAccessToken.status).toBe(401);
      expect(JSON.stringify(withAccessToken.body)).not.toContain('jobs');
    } finally {
      cognito.destroy();
    }
  });

  it('answers 400, not 500, to a path parameter that is not valid percent-encoding', async () => {
    expect((await api('GET', '/companies/%E0/eligibility')).status).toBe(400);
  });

  it('answers CORS preflights and adds CORS headers to responses', async () => {
    const preflight = await api('OPTIONS', '/companies', {
      headers: { origin: 'https://example.org', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect((await api('GET', '/health')).headers.get('access-control-allow-origin')).toBe('*');
  });

  it('refuses a bad password on login with 401 and the same message as an unknown user', async () => {
    const wrong = await api('POST', '/auth/login', { body: { email: 'operateur@demo.alin.local', password: 'Wrong12345' } });
    const unknown = await api('POST', '/auth/login', { body: { email: 'nobody@demo.alin.local', password: 'Wrong12345' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it('serves an OpenAPI 3.1 document with every route of the route table', async () => {
    const response = await api('GET', '/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    for (const [operationId, route] of Object.entries(routes)) {
      const operation = response.body.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation?.operationId, `${route.method} ${route.path}`).toBe(operationId);
      expect(operation.security, operationId).toEqual(route.access === 'public' ? [] : [{ bearer: [] }]);
      expect(operation.description, operationId).toBe('description' in route ? route.description : undefined);
    }
    expect(response.body.paths['/offers/{offerId}/applications'].post.description).toContain('TOO_MANY_APPLICATIONS');
    const createBody = response.body.paths['/companies'].post.requestBody.content['application/json'].schema;
    expect(createBody.required).toEqual(expect.arrayContaining(['siret', 'sector', 'headcount']));
  });

  it('serves a browsable API reference page', async () => {
    const response = await api('GET', '/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.body).toContain('/companies/{siret}/eligibility');
  });
});
