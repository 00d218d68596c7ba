import { api } from '../api/client';

type SetupAnswer = ReturnType<typeof api.setup.get>;

/**
 * The first screen's own question (is setup complete?), asked by boot()
 * alongside settings:get instead of one round trip after it (issue 15: serve
 * start to the sites list's first paint). The answer is taken once, by the
 * App's first load; every later load asks again.
 */
let pendingSetup: SetupAnswer | null = null;

export function askSetupEarly(): void {
  pendingSetup = api.setup.get({});
  // Unhandled until the App takes it; its failure is shown there.
  pendingSetup.catch(() => undefined);
}

export function setupAnswer(): SetupAnswer {
  const answer = pendingSetup ?? api.setup.get({});
  pendingSetup = null;
  return answer;
}
