import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { request, type APIRequestContext, type Page } from 'playwright-core';
import { freshPage, launchBrowser, type TestBrowser } from './browser';
import { DEMO_PASSWORD } from './flows';
import { startServer, type TestServer } from './server';

/**
 * What the patient-record browser suites share, set up inside their `describe`: the demo server and a browser
 * (before, after), fresh pages whose script errors are collected, and the API as a demo account for setup a person
 * did elsewhere.
 */
export function recordSuite() {
  let server: TestServer;
  let browser: TestBrowser;
  const apis: APIRequestContext[] = [];
  const pageErrors: string[] = [];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser({ baseURL: server.baseUrl, bypassCSP: true });
  });

  after(async () => {
    for (const api of apis) await api.dispose();
    await browser?.close();
    await server?.close();
  });

  /** A fresh page (no cookies) whose script errors go to `pageErrors`. */
  async function open(): Promise<Page> {
    const page = await freshPage(browser);
    watch(page);
    return page;
  }

  /** Collects a page's script errors (for pages opened another way). */
  function watch(page: Page): void {
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }

  /** The API as a demo account, apart from the browser's cookies: test setup a person did elsewhere. */
  async function apiAs(email: string): Promise<APIRequestContext> {
    const api = await request.newContext({ baseURL: server.baseUrl });
    apis.push(api);
    const login = await api.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } });
    assert.equal(login.status(), 200, await login.text());
    return api;
  }

  async function registerByApi(
    api: APIRequestContext,
    data: Record<string, unknown>,
  ): Promise<{ id: string }> {
    const created = await api.post('/api/patients', { data });
    assert.equal(created.status(), 201, await created.text());
    return (await created.json()) as { id: string };
  }

  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

  return { open, watch, apiAs, registerByApi, heading, pageErrors, browser: () => browser };
}
