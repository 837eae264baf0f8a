/**
 * A table whose column headers are buttons: Enter or Space sorts by that column, again reverses
 * it; `aria-sort` tells screen readers the order. Missing values sort last either way. A row
 * may open a detail (mouse: the whole row; keyboard: the link in its first cell).
 */
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';

export interface Column<T> {
  id: string;
  label: string;
  /** Longer explanation, shown as the header's tooltip and read by screen readers. */
  description?: string;
  numeric?: boolean;
  sortValue?: (row: T) => number | string | null;
  render: (row: T) => ComponentChildren;
}

export type SortDirection = 'ascending' | 'descending';

export interface SortableTableProps<T> {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  caption: string;
  initialSort: { id: string; direction: SortDirection };
  onRowClick?: (row: T) => void;
  testId?: string;
}

/** Sorts rows by a column, missing values last. */
export function sortRows<T>(rows: readonly T[], value: (row: T) => number | string | null, direction: SortDirection): T[] {
  const factor = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const left = value(a);
    const right = value(b);
    if (left === null || right === null) return left === right ? 0 : left === null ? 1 : -1;
    if (typeof left === 'number' && typeof right === 'number') return (left - right) * factor;
    return String(left).localeCompare(String(right)) * factor;
  });
}

/** The table. */
export function SortableTable<T>({ rows, columns, rowKey, caption, initialSort, onRowClick, testId }: SortableTableProps<T>) {
  const [sort, setSort] = useState(initialSort);
  const sorted = useMemo(() => {
    const column = columns.find((candidate) => candidate.id === sort.id);
    return column?.sortValue ? sortRows(rows, column.sortValue, sort.direction) : [...rows];
  }, [rows, columns, sort]);
  const toggle = (column: Column<T>) => {
    if (sort.id === column.id) setSort({ id: column.id, direction: sort.direction === 'ascending' ? 'descending' : 'ascending' });
    else setSort({ id: column.id, direction: column.numeric ? 'descending' : 'ascending' });
  };
  return (
    <div class="table-scroll">
      <table class="data-table" data-testid={testId}>
        <caption class="visually-hidden">{caption}. Column headers are buttons that sort the table.</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" class={column.numeric ? 'num' : undefined} aria-sort={sort.id === column.id ? sort.direction : undefined}>
                {column.sortValue ? (
                  <button type="button" class="sort-button" onClick={() => toggle(column)} title={column.description}>
                    {column.label}
                    <span class="sort-indicator" aria-hidden="true">
                      {sort.id === column.id ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                ) : (
                  <span title={column.description}>{column.label}</span>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr
              key={rowKey(row)}
              class={onRowClick ? 'is-clickable' : undefined}
              onClick={
                onRowClick
                  ? (event) => {
                      if ((event.target as HTMLElement).closest('a,button,input,select')) return;
                      onRowClick(row);
                    }
                  : undefined
              }
            >
              {columns.map((column, index) =>
                index === 0 ? (
                  <th scope="row" class={column.numeric ? 'num' : undefined}>{column.render(row)}</th>
                ) : (
                  <td class={column.numeric ? 'num' : undefined}>{column.render(row)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
