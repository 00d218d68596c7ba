import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { scrollToShow, visibleRange } from '../lib/virtual-range';

export interface VirtualColumn {
  key: string;
  label: string;
  /** A CSS grid track, e.g. `9rem` or `minmax(8rem, 1fr)`. */
  width: string;
}

interface Props {
  label: string;
  columns: VirtualColumn[];
  rowCount: number;
  rowHeight: number;
  height: number;
  /** A cell's content, or undefined while its row is not loaded yet. */
  cell(index: number, column: string): ReactNode | undefined;
  loadingText: string;
  rowClass?(index: number): string;
  onRange?(start: number, end: number): void;
  onActivate?(index: number): void;
  testId?: string;
  /** Narrower than this (a 200% zoom), the table scrolls sideways inside itself rather than the page. */
  minWidth?: string;
}

/**
 * A table that renders only the rows in view (fixed row height): a million
 * log entries cost as much as forty. A grid for assistive technology; the
 * grid takes the focus, ↑↓ PageUp PageDown Home End move, Enter opens.
 */
export function VirtualTable({ label, columns, rowCount, rowHeight, height, cell, loadingText, rowClass, onRange, onActivate, testId, minWidth }: Props) {
  const body = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [active, setActive] = useState(0);
  const id = useId();
  const template = columns.map((c) => c.width).join(' ');
  const { start, end } = visibleRange(scrollTop, height, rowHeight, rowCount);

  useEffect(() => {
    onRange?.(start, end);
  }, [start, end, onRange]);

  useEffect(() => {
    if (active >= rowCount) setActive(Math.max(0, rowCount - 1));
  }, [rowCount, active]);

  function moveTo(index: number) {
    const next = Math.max(0, Math.min(rowCount - 1, index));
    setActive(next);
    const el = body.current;
    if (el) {
      const top = scrollToShow(next, el.scrollTop, height, rowHeight);
      if (top !== el.scrollTop) el.scrollTop = top;
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const page = Math.max(1, Math.floor(height / rowHeight) - 1);
    const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, PageDown: active + page, PageUp: active - page, Home: 0, End: rowCount - 1 };
    if (e.key in moves) {
      e.preventDefault();
      moveTo(moves[e.key]!);
    } else if (e.key === 'Enter' && rowCount > 0) {
      e.preventDefault();
      onActivate?.(active);
    }
  }

  const rows: ReactNode[] = [];
  for (let i = start; i < end; i++) {
    const loaded = cell(i, columns[0]!.key) !== undefined;
    rows.push(
      <div
        key={i}
        id={`${id}-row-${i}`}
        role="row"
        aria-rowindex={i + 2}
        aria-selected={i === active}
        className={`vt-row${i === active ? ' vt-active' : ''}${loaded && rowClass ? ` ${rowClass(i)}` : ''}`}
        style={{ top: i * rowHeight, height: rowHeight, gridTemplateColumns: template }}
        onClick={() => {
          setActive(i);
          onActivate?.(i);
        }}
      >
        {loaded
          ? columns.map((c) => (
              <div key={c.key} role="gridcell" className={`vt-cell vt-${c.key}`}>
                {cell(i, c.key)}
              </div>
            ))
          : (
              <div role="gridcell" className="vt-cell vt-loading">
                {loadingText}
              </div>
            )}
      </div>,
    );
  }

  return (
    <div
      className="vt"
      role="grid"
      aria-label={label}
      aria-rowcount={rowCount + 1}
      aria-colcount={columns.length}
      data-testid={testId}
      tabIndex={0}
      aria-activedescendant={rowCount > 0 ? `${id}-row-${active}` : undefined}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="vt-head" style={{ minWidth }}>
        <div role="row" aria-rowindex={1} className="vt-row vt-header" style={{ gridTemplateColumns: template }}>
          {columns.map((c) => (
            <div key={c.key} role="columnheader" className={`vt-cell vt-${c.key}`}>
              {c.label}
            </div>
          ))}
        </div>
      </div>
      <div
        ref={body}
        role="rowgroup"
        className="vt-body"
        style={{ height, minWidth }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div className="vt-spacer" style={{ height: rowCount * rowHeight }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
