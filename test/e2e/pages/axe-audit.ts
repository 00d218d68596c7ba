import fs from 'node:fs';
import type { Page } from '@playwright/test';

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe's serious and critical findings on the current page, and how many rules passed. */
export async function audit(page: Page): Promise<{ serious: Omit<AxeViolation, 'nodes'>[]; passes: number }> {
  // Evaluated through the DevTools protocol, so the app's CSP needs no loosening for the test.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[]; passes: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return {
      serious: result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, impact: v.impact, help: `${v.help} ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}` })),
      passes: result.passes.length,
    };
  });
}
