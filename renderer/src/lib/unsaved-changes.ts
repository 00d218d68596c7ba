import { useEffect, useRef, useSyncExternalStore } from 'react';

/**
 * Leaving a screen with unsaved changes asks first, wherever the leaving
 * comes from: a link or a tab (the hash changes), navigate(), Back and
 * Forward, a reload or closing the window (beforeunload; in Electron the main
 * process then shows its own dialog, start-app.ts). A form says it has
 * changes with useUnsavedChanges(dirty, save); LeaveDialog asks.
 *
 * Hash routes change the URL before anyone can refuse, so a refused change
 * is undone: every history entry is stamped with its position, and a move of
 * `delta` entries is answered with history.go(-delta). The screens follow
 * `shown`, which moves only once leaving is allowed, so nothing flickers.
 */

interface DirtyForm {
  /** Saves; resolves false when the save was refused (the form then shows why). */
  save?: () => Promise<boolean>;
}

export interface PendingLeave {
  /** Saves first, when the one form with changes can: offered as "save and leave". */
  save?: () => Promise<boolean>;
  proceed(): void;
}

const dirtyForms = new Set<DirtyForm>();
const listeners = new Set<() => void>();
let shown = window.location.hash;
let pending: PendingLeave | null = null;
/** The hash our own navigation is moving to: let through without asking. */
let expected: string | null = null;
let position = 0;

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function entryPosition(): number | undefined {
  const value = (window.history.state as { hoanPosition?: unknown } | null)?.hoanPosition;
  return typeof value === 'number' ? value : undefined;
}

function stamp(): void {
  window.history.replaceState({ ...(window.history.state as object | null), hoanPosition: position }, '');
}

function show(hash: string, at: number): void {
  position = at;
  stamp();
  shown = hash;
  notify();
}

export function hasUnsavedChanges(): boolean {
  return dirtyForms.size > 0;
}

/** Runs `proceed` now, or once the user has agreed to leave the changes behind. */
export function confirmLeave(proceed: () => void): void {
  if (!hasUnsavedChanges()) return proceed();
  const savers = [...dirtyForms].filter((f) => f.save);
  pending = { proceed, ...(dirtyForms.size === 1 && savers.length === 1 ? { save: savers[0]!.save! } : {}) };
  notify();
}

/** The dialog's answer: stay (nothing happens), or leave (after saving, when asked to and it worked). */
export async function answerLeave(answer: 'stay' | 'leave' | 'save'): Promise<void> {
  const asked = pending;
  if (!asked) return;
  if (answer === 'save' && asked.save && !(await asked.save())) answer = 'stay';
  pending = null;
  notify();
  if (answer !== 'stay') asked.proceed();
}

/** Moves to `hash` as a new history entry. `guarded: false` only right after a successful save. */
export function goToHash(hash: string, guarded = true): void {
  const go = () => {
    if (hash === shown) return;
    expected = hash;
    window.location.hash = hash;
  };
  if (guarded) confirmLeave(go);
  else go();
}

function onHashChange(): void {
  const next = window.location.hash;
  if (next === shown) return; // a refused move, undone
  const at = entryPosition();
  if (next === expected || !hasUnsavedChanges()) {
    expected = null;
    show(next, at ?? position + 1);
    return;
  }
  // A link, Back/Forward or a typed address: undo it, then ask.
  const delta = at === undefined ? 1 : at - position;
  window.history.go(-delta);
  confirmLeave(() => {
    if (at === undefined) return goToHash(next, false);
    expected = next;
    window.history.go(delta);
  });
}

function onBeforeUnload(event: BeforeUnloadEvent): void {
  if (!hasUnsavedChanges()) return;
  // The browser (web host) or Electron's main process asks; neither shows the page's own text.
  event.preventDefault();
  event.returnValue = '';
}

position = entryPosition() ?? 0;
stamp();
window.addEventListener('hashchange', onHashChange);
window.addEventListener('beforeunload', onBeforeUnload);

export function useShownHash(): string {
  return useSyncExternalStore(subscribe, () => shown);
}

export function usePendingLeave(): PendingLeave | null {
  return useSyncExternalStore(subscribe, () => pending);
}

/**
 * Marks the calling form as holding unsaved changes while `dirty` is true.
 * `save`, where given, lets the dialog offer "save and leave".
 */
export function useUnsavedChanges(dirty: boolean, save?: () => Promise<boolean>): void {
  const saveRef = useRef(save);
  saveRef.current = save;
  const canSave = save !== undefined;
  useEffect(() => {
    if (!dirty) return;
    const form: DirtyForm = canSave ? { save: () => saveRef.current?.() ?? Promise.resolve(false) } : {};
    dirtyForms.add(form);
    return () => {
      dirtyForms.delete(form);
    };
  }, [dirty, canSave]);
}
