/**
 * Which rows a fixed-row-height list must render: the ones in view plus a few
 * on each side, so fast scrolling does not show gaps. Everything else exists
 * only as the height of a spacer.
 */
export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, rowCount: number, overscan = 6): { start: number; end: number } {
  if (rowCount <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const inView = Math.ceil(viewportHeight / rowHeight) + 1;
  const start = Math.max(0, Math.min(rowCount - 1, first - overscan));
  const end = Math.min(rowCount, first + inView + overscan);
  return { start, end };
}

/** The scroll position that brings a row into view, or the current one if it already is. */
export function scrollToShow(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight;
  return scrollTop;
}

/** The pages (of `pageSize` rows) a range of rows touches. */
export function pagesFor(start: number, end: number, pageSize: number): number[] {
  if (end <= start) return [];
  const pages: number[] = [];
  for (let p = Math.floor(start / pageSize); p <= Math.floor((end - 1) / pageSize); p++) pages.push(p);
  return pages;
}
