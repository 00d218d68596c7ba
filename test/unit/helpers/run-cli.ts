import type { CliIo } from '../../../electron/cli/cli-io';
import { main } from '../../../electron/cli/main';

/** Runs `hoan` in-process, as a user would from a shell, and returns what it printed. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { out: (t) => (stdout += `${t}\n`), err: (t) => (stderr += `${t}\n`), env };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
