import { useRoute } from '../../router';

/** The pages of My money, in the order the sub-navigation shows them. */
export const MONEY_PAGES = [
  { path: '', label: 'Overview' },
  { path: 'bookings', label: 'Bookings' },
  { path: 'subscriptions', label: 'Subscriptions' },
  { path: 'spend', label: 'Spend' },
  { path: 'import', label: 'Import' },
] as const;

/** Pages reached from another page of the area: the rules are part of the bookings. */
const PART_OF: Readonly<Record<string, string>> = { rules: 'bookings' };

/**
 * The area's heading and sub-navigation, shared by every page of My money: "My money" is the
 * page's one `h1`; each page names itself in an `h2` below it.
 */
export function MoneyNav() {
  const [, page = ''] = useRoute();
  const current = PART_OF[page] ?? page;
  return (
    <div className="page-head">
      <h1>My money</h1>
      <nav className="tabs" aria-label="My money">
        {MONEY_PAGES.map((p) => (
          <a
            key={p.path}
            href={`#/money${p.path ? `/${p.path}` : ''}`}
            aria-current={current === p.path ? 'page' : undefined}
          >
            {p.label}
          </a>
        ))}
      </nav>
    </div>
  );
}
