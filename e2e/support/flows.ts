import type { Page } from 'playwright-core';

export const DEMO_PASSWORD = 'demo-password';

/** Fills the sign-in form on the current page and waits until the page has moved on. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
}
