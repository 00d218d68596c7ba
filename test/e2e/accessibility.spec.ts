import { expect, test } from './fixtures';
import { audit } from './pages/axe-audit';
import { seedScreens } from './pages/screens';

test('the accessibility check itself catches a violation', async ({ app, page }) => {
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
    document.querySelector('main')!.append(img);
  });
  expect((await audit(page)).serious.map((v) => v.id)).toContain('image-alt');
  expect(app.host.origin).toMatch(/^http:\/\/127\.0\.0\.1:/);
});

test('no screen has a serious or critical accessibility violation (axe-core, WCAG 2 A/AA)', async ({ app, page }) => {
  for (const screen of await seedScreens(app)) {
    await page.goto(`${app.host.origin}/${screen.hash}`);
    await app.ready();
    // Evaluated through the DevTools protocol, so the app's CSP needs no loosening for the test.
    const { serious, passes } = await audit(page);
    expect(passes, `${screen.name}: axe checked nothing`).toBeGreaterThan(5);
    expect(serious, `${screen.name}: ${JSON.stringify(serious, null, 1)}`).toEqual([]);
  }
});

test('every screen works at 200% zoom: nothing wider than the window', async ({ app, page }) => {
  const screens = await seedScreens(app);
  // 1366×768 at 200% leaves a 683×384 CSS-pixel window.
  await page.setViewportSize({ width: 683, height: 384 });
  for (const screen of screens) {
    await page.goto(`${app.host.origin}/${screen.hash}`);
    await app.ready();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${screen.name} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
    if (screen.name === 'walk' || screen.name === 'round') await app.screenshot(`zoom200-${screen.name}`);
  }
});

test('the app makes no network request beyond its own origin', async ({ app, page }) => {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin !== app.host.origin && url.protocol !== 'data:' && url.protocol !== 'blob:') foreign.push(request.url());
  });
  for (const screen of await seedScreens(app)) {
    await page.goto(`${app.host.origin}/${screen.hash}`);
    await app.ready();
  }
  expect(foreign).toEqual([]);
});
