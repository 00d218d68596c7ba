/**
 * Whether a process with this id is running: signal 0 checks without
 * sending anything; EPERM means it exists under another user. Used to tell a
 * crashed writer's leftovers (staging folders, pending rows, reserved export
 * numbers) from those of a process still at work.
 */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
