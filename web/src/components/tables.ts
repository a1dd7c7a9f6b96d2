import { useEffect, type RefObject } from 'react';

/**
 * Labels every data cell with its column's heading (`data-label`), so that on a phone, where a
 * table stacks into one card per row (styles.css), each value still says what it is. One place
 * for every table of the app: pages write plain `<table>` markup with a `<thead>`.
 */
export function labelCells(root: ParentNode): void {
  for (const table of root.querySelectorAll('table')) {
    const headings: string[] = [];
    for (const th of table.querySelectorAll(':scope > thead > tr:first-child > th')) {
      const span = Number(th.getAttribute('colspan') ?? '1');
      for (let i = 0; i < span; i++) headings.push(th.textContent.trim());
    }
    if (headings.length === 0) continue;
    for (const row of table.querySelectorAll(':scope > tbody > tr')) {
      let column = 0;
      for (const cell of row.children) {
        const label = headings[column] ?? '';
        if (cell.getAttribute('data-label') !== label) cell.setAttribute('data-label', label);
        column += Number(cell.getAttribute('colspan') ?? '1');
      }
    }
  }
}

/**
 * Keeps the cells under `ref` labelled as pages render and reload their tables. `shown` names
 * when the element is mounted (the app's main area exists only once the store is unlocked).
 */
export function useCellLabels(ref: RefObject<HTMLElement | null>, shown: boolean): void {
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    labelCells(root);
    const observer = new MutationObserver(() => labelCells(root));
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [ref, shown]);
}
