import type { ReactNode } from 'react';

/** One column of a `Table`: its heading, and what each row shows in it. */
export interface Column<Row> {
  /** The heading; it also labels the cells on a phone (components/tables.ts). */
  readonly heading: ReactNode;
  /** The React key, when the heading is not a plain string. */
  readonly key?: string;
  /** An amount or a count: right-aligned, as figures line up. */
  readonly num?: boolean;
  readonly cell: (row: Row) => ReactNode;
  /** A class for one row's cell (a difference to warn about, say). */
  readonly cellClass?: (row: Row) => string | undefined;
}

/**
 * A table of rows, one per item, with its caption and column headings: the money pages' payments,
 * spend and contract tables are all this one markup, so they look and stack (on a phone) alike.
 *
 * @example <Table caption="The latest payments" rows={items} rowKey={(p) => p.id}
 *   columns={[{ heading: 'Date', cell: (p) => dateText(p.bookedOn) }, { heading: 'Amount', num: true, cell: … }]} />
 */
export function Table<Row>({
  caption,
  captionHidden = false,
  className,
  columns,
  rows,
  rowKey,
}: {
  /** What the table shows; none where a heading just above names it (`aria-labelledby` a section). */
  readonly caption?: ReactNode;
  /** Read out by screen readers only, where a heading above already says it. */
  readonly captionHidden?: boolean;
  readonly className?: string;
  readonly columns: readonly Column<Row>[];
  readonly rows: readonly Row[];
  readonly rowKey: (row: Row) => string | number;
}) {
  const keyOf = (c: Column<Row>, i: number) => c.key ?? (typeof c.heading === 'string' ? c.heading : i);
  return (
    <table className={className}>
      {caption === undefined ? null : (
        <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
      )}
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={keyOf(c, i)} scope="col" className={c.num ? 'num' : undefined}>
              {c.heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((c, i) => (
              <td key={keyOf(c, i)} className={c.num ? 'num' : c.cellClass?.(row)}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
