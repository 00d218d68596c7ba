import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS } from '../api/contract/channel-names';
import { splitChannel, type HoanBridge } from '../api/contract/envelope';

/**
 * The whole surface the page gets: one named function per contract channel,
 * `sites:list` as `hoan.sites.list(input)`. No raw ipcRenderer, no generic
 * invoke(channel): a compromised page can only make calls the router already
 * validates. Sandboxed, so this file is bundled and requires only 'electron'.
 */
type Call = (input: unknown) => Promise<unknown>;

function buildBridge(): HoanBridge {
  const bridge: Record<string, Record<string, Call>> = {};
  for (const channel of CHANNELS) {
    const [domain, verb] = splitChannel(channel);
    // One argument only: nothing else the page passes reaches the main process.
    (bridge[domain] ??= {})[verb] = (input) => ipcRenderer.invoke(channel, input);
  }
  // Built from the same CHANNELS that HoanBridge is derived from, split the same way.
  return bridge as HoanBridge;
}

contextBridge.exposeInMainWorld('hoan', buildBridge());
