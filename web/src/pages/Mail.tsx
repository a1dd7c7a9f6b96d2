import { useRoute } from '../router';
import { ATTENTION, type Attention } from './mail/common';
import { ImportView } from './mail/Import';
import { Inbox, type InboxView } from './mail/Inbox';
import { LeakEvent, LeaksView } from './mail/Leaks';
import { MessageView } from './mail/Message';
import { RulesView } from './mail/Rules';

/**
 * The mail area. Every view has its own address, so the back button and links work:
 * `#/mail` (now), `#/mail/in/today`, `#/mail/folder/bills`, `#/mail/provider/3`,
 * `#/mail/search/<query>`, `#/mail/message/12`, `#/mail/leaks`, `#/mail/leaks/all`,
 * `#/mail/leaks/4`, `#/mail/rules`, `#/mail/import`.
 */
const VIEWS = [
  { path: '', label: 'Inbox' },
  { path: 'leaks', label: 'Leaks' },
  { path: 'rules', label: 'Rules' },
  { path: 'import', label: 'Import' },
] as const;

const decode = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

function inboxView(view: string | undefined, arg: string): InboxView {
  if (view === 'folder' && arg) return { kind: 'folder', folder: decode(arg) };
  if (view === 'provider' && Number(arg) > 0) return { kind: 'provider', providerId: Number(arg) };
  if (view === 'search' && arg) return { kind: 'search', q: decode(arg) };
  const attention = ATTENTION.find((a) => a === arg);
  return {
    kind: 'attention',
    attention: view === 'in' && attention ? attention : ('now' satisfies Attention),
  };
}

export function Mail() {
  const [, view, ...rest] = useRoute();
  const arg = rest.join('/');
  const section =
    view === 'leaks' || view === 'rules' || view === 'import' ? view : view === 'message' ? 'message' : '';
  return (
    <div className="mail">
      <div className="page-head">
        <h1>Mail</h1>
        <nav className="tabs" aria-label="Mail">
          {VIEWS.map((v) => (
            <a
              key={v.path}
              href={`#/mail${v.path ? `/${v.path}` : ''}`}
              aria-current={section === v.path ? 'page' : undefined}
            >
              {v.label}
            </a>
          ))}
        </nav>
      </div>
      {view === 'message' && Number(arg) > 0 ? <MessageView id={Number(arg)} /> : null}
      {view === 'message' && !(Number(arg) > 0) ? (
        <p>
          No such message. <a href="#/mail">Back to the inbox</a>.
        </p>
      ) : null}
      {view === 'leaks' && Number(arg) > 0 ? <LeakEvent id={Number(arg)} /> : null}
      {view === 'leaks' && !(Number(arg) > 0) ? <LeaksView all={arg === 'all'} /> : null}
      {view === 'rules' ? <RulesView /> : null}
      {view === 'import' ? <ImportView /> : null}
      {section === '' ? <Inbox view={inboxView(view, arg)} /> : null}
    </div>
  );
}
