import type { CliIo } from '../../../electron/cli/cli-io';
import { main } from '../../../electron/cli/main';
import { TEST_USER } from './set-up';

/**
 * Runs `hoan` in-process, as a user would from a shell, and returns what it
 * printed. As a script that sets HOAN_USER does; `{ HOAN_USER: '' }` unsets it.
 */
export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { out: (t) => (stdout += `${t}\n`), err: (t) => (stderr += `${t}\n`), env: { HOAN_USER: TEST_USER, ...env } };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
