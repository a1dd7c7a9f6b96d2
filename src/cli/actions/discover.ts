/** `vrm discover …`: who else has the person's data, found in their imported mail. */
import type { DiscoveredOrganisation, WroteTo } from '../../discovery/service.js';
import type { JsonOption } from '../options.js';
import { printJson, printTable, say } from '../output.js';
import type { Session } from '../session.js';

const day = (iso: string): string => iso.slice(0, 10);

/** One address it wrote to, as a person reads it: what the address is to them, a leak said plainly. */
const addressText = (w: WroteTo): string => `${w.address} (${w.leak ? 'LEAK: ' : ''}${w.label})`;

function directoryText(o: DiscoveredOrganisation): string {
  if (!o.directory) return 'no';
  return o.directory.hasPrivacyContact
    ? `yes (${o.directory.slug})`
    : `yes, no privacy contact (${o.directory.slug})`;
}

export async function list({ services }: Session, o: JsonOption & { all?: boolean }): Promise<void> {
  const found = await services.discovery.organisations({ includeDismissed: o.all ?? false });
  if (o.json) {
    printJson(found);
    return;
  }
  printTable(
    found,
    [
      {
        header: 'organisation',
        value: (d) => `${d.name} (${d.domain})${d.dismissed ? ' · dismissed' : ''}`,
        maxWidth: 48,
      },
      { header: 'messages', value: (d) => d.messages, align: 'right' },
      { header: 'last', value: (d) => day(d.lastAt) },
      { header: 'wrote to', value: (d) => d.wroteTo.map(addressText).join(', '), maxWidth: 60 },
      { header: 'in directory', value: directoryText },
    ],
    'Nobody outside your providers wrote to your addresses in the imported mail. Import more with `vrm mail import`.',
  );
  const first = found.find((d) => !d.dismissed);
  if (first)
    say(
      `Add one to your providers with \`vrm discover add ${first.domain}\`; hide one with \`vrm discover dismiss DOMAIN\`.`,
    );
}

export async function add({ services }: Session, domain: string, o: JsonOption): Promise<void> {
  const added = await services.discovery.add(domain);
  if (o.json) {
    printJson(added);
    return;
  }
  const { provider } = added;
  say(
    `Added ${provider.name} (provider ${provider.id})${added.fromDirectory ? ' from the directory' : ''}; ` +
      `${added.messages} ${added.messages === 1 ? 'message is' : 'messages are'} now its mail.`,
  );
  say(
    `See it with \`vrm provider show ${provider.id}\`, and ask it what it holds about you (GDPR Art. 15): \`vrm request new ${provider.id}\`.`,
  );
}

export async function dismiss({ services }: Session, domain: string): Promise<void> {
  const o = await services.discovery.dismiss(domain);
  say(
    `Dismissed ${o.name} (${o.domain}): \`vrm discover\` no longer lists it; \`vrm discover undismiss ${o.domain}\` brings it back.`,
  );
}

export async function undismiss({ services }: Session, domain: string): Promise<void> {
  const o = await services.discovery.undismiss(domain);
  say(`${o.name} (${o.domain}) is listed again.`);
}
