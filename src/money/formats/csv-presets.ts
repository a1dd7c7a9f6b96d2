/**
 * Column layouts of the CSV exports of common banks, with their real header texts. German banks
 * put account details above the header; the reader finds the header line by its columns. The
 * layouts follow the banks' own exports (and, for ING and DKB's card, ofxstatement's plugins).
 */
import type { CsvMapping } from '../schemas.js';

export interface CsvPreset {
  /** What the person picks from a list. */
  readonly label: string;
  /** The header line as the bank writes it. */
  readonly exampleHeader: string;
  readonly mapping: CsvMapping;
}

export const CSV_PRESETS = {
  'ing-de': {
    label: 'ING (Deutschland)',
    exampleHeader:
      'Buchung;Valuta;Auftraggeber/Empfänger;Buchungstext;Verwendungszweck;Saldo;Währung;Betrag;Währung',
    mapping: {
      delimiter: ';',
      dateFormat: 'DD.MM.YYYY',
      decimalMark: ',',
      columns: {
        date: 'Buchung',
        valueDate: ['Valuta', 'Wertstellungsdatum'],
        payee: 'Auftraggeber/Empfänger',
        kind: 'Buchungstext',
        text: 'Verwendungszweck',
        amount: 'Betrag',
        currency: 'Währung#2',
      },
    },
  },
  dkb: {
    label: 'DKB (Girokonto, since 2023)',
    exampleHeader:
      '"Buchungsdatum";"Wertstellung";"Status";"Zahlungspflichtige*r";"Zahlungsempfänger*in";"Verwendungszweck";"Umsatztyp";"IBAN";"Betrag (€)";"Gläubiger-ID";"Mandatsreferenz";"Kundenreferenz"',
    mapping: {
      delimiter: ';',
      dateFormat: 'DD.MM.YY',
      decimalMark: ',',
      currency: 'EUR',
      columns: {
        date: 'Buchungsdatum',
        valueDate: 'Wertstellung',
        status: 'Status',
        payer: 'Zahlungspflichtige*r',
        payee: 'Zahlungsempfänger*in',
        text: 'Verwendungszweck',
        kind: 'Umsatztyp',
        counterpartyIban: 'IBAN',
        amount: 'Betrag (€)',
        creditorId: 'Gläubiger-ID',
        mandateReference: 'Mandatsreferenz',
        bankReference: 'Kundenreferenz',
      },
      bookedStatuses: ['Gebucht'],
    },
  },
  'dkb-classic': {
    label: 'DKB (Girokonto, until 2023)',
    exampleHeader:
      '"Buchungstag";"Wertstellung";"Buchungstext";"Auftraggeber / Begünstigter";"Verwendungszweck";"Kontonummer";"BLZ";"Betrag (EUR)";"Gläubiger-ID";"Mandatsreferenz";"Kundenreferenz";',
    mapping: {
      delimiter: ';',
      dateFormat: 'DD.MM.YYYY',
      decimalMark: ',',
      currency: 'EUR',
      columns: {
        date: 'Buchungstag',
        valueDate: 'Wertstellung',
        kind: 'Buchungstext',
        payee: 'Auftraggeber / Begünstigter',
        text: 'Verwendungszweck',
        counterpartyIban: 'Kontonummer',
        amount: 'Betrag (EUR)',
        creditorId: 'Gläubiger-ID',
        mandateReference: 'Mandatsreferenz',
        bankReference: 'Kundenreferenz',
      },
    },
  },
  'dkb-visa': {
    label: 'DKB (Visa card)',
    exampleHeader:
      '"Umsatz abgerechnet und nicht im Saldo enthalten";"Wertstellung";"Belegdatum";"Beschreibung";"Betrag (EUR)";"Ursprünglicher Betrag";',
    mapping: {
      delimiter: ';',
      dateFormat: 'DD.MM.YYYY',
      decimalMark: ',',
      currency: 'EUR',
      columns: {
        date: 'Wertstellung',
        valueDate: 'Belegdatum',
        payee: 'Beschreibung',
        amount: 'Betrag (EUR)',
      },
    },
  },
  sparkasse: {
    label: 'Sparkasse (CSV-CAMT V2)',
    exampleHeader:
      '"Auftragskonto";"Buchungstag";"Valutadatum";"Buchungstext";"Verwendungszweck";"Glaeubiger ID";"Mandatsreferenz";"Kundenreferenz (End-to-End)";"Sammlerreferenz";"Lastschrift Ursprungsbetrag";"Auslagenersatz Ruecklastschrift";"Beguenstigter/Zahlungspflichtiger";"Kontonummer/IBAN";"BIC (SWIFT-Code)";"Betrag";"Waehrung";"Info"',
    mapping: {
      delimiter: ';',
      dateFormat: 'DD.MM.YY',
      decimalMark: ',',
      columns: {
        account: 'Auftragskonto',
        date: 'Buchungstag',
        valueDate: 'Valutadatum',
        kind: 'Buchungstext',
        text: 'Verwendungszweck',
        creditorId: 'Glaeubiger ID',
        mandateReference: 'Mandatsreferenz',
        payee: 'Beguenstigter/Zahlungspflichtiger',
        counterpartyIban: 'Kontonummer/IBAN',
        amount: 'Betrag',
        currency: 'Waehrung',
        status: 'Info',
      },
      bookedStatuses: ['Umsatz gebucht'],
    },
  },
  'deutsche-bank': {
    label: 'Deutsche Bank',
    exampleHeader:
      'Buchungstag;Wert;Umsatzart;Begünstigter / Auftraggeber;Verwendungszweck;IBAN;BIC;Kundenreferenz;Mandatsreferenz ;Gläubiger ID;Fremde Gebühren;Betrag;Abweichender Empfänger;Anzahl der Aufträge;Anzahl der Schecks;Soll;Haben;Währung',
    mapping: {
      delimiter: ';',
      dateFormat: 'DD.MM.YYYY',
      decimalMark: ',',
      columns: {
        date: 'Buchungstag',
        valueDate: 'Wert',
        kind: 'Umsatzart',
        payee: 'Begünstigter / Auftraggeber',
        text: 'Verwendungszweck',
        counterpartyIban: 'IBAN',
        bankReference: 'Kundenreferenz',
        mandateReference: 'Mandatsreferenz',
        creditorId: 'Gläubiger ID',
        debit: 'Soll',
        credit: 'Haben',
        currency: 'Währung',
      },
      ignoreRowsStartingWith: ['Kontostand'],
    },
  },
  n26: {
    label: 'N26',
    exampleHeader:
      '"Booking Date","Value Date","Partner Name","Partner Iban","Type","Payment Reference","Account Name","Amount (EUR)","Original Amount","Original Currency","Exchange Rate"',
    mapping: {
      delimiter: ',',
      dateFormat: 'YYYY-MM-DD',
      decimalMark: '.',
      currency: 'EUR',
      columns: {
        date: 'Booking Date',
        valueDate: 'Value Date',
        payee: 'Partner Name',
        counterpartyIban: 'Partner Iban',
        kind: 'Type',
        text: 'Payment Reference',
        amount: 'Amount (EUR)',
      },
    },
  },
  revolut: {
    label: 'Revolut',
    exampleHeader: 'Type,Product,Started Date,Completed Date,Description,Amount,Fee,Currency,State,Balance',
    mapping: {
      delimiter: ',',
      dateFormat: 'YYYY-MM-DD',
      decimalMark: '.',
      columns: {
        kind: 'Type',
        date: 'Completed Date',
        valueDate: 'Started Date',
        payee: 'Description',
        amount: 'Amount',
        fee: 'Fee',
        currency: 'Currency',
        status: 'State',
      },
      bookedStatuses: ['COMPLETED'],
    },
  },
  monzo: {
    label: 'Monzo',
    exampleHeader:
      'Transaction ID,Date,Time,Type,Name,Emoji,Category,Amount,Currency,Local amount,Local currency,Notes and #tags,Address,Receipt,Description,Category split,Money Out,Money In',
    mapping: {
      delimiter: ',',
      dateFormat: 'DD/MM/YYYY',
      decimalMark: '.',
      columns: {
        bankReference: 'Transaction ID',
        date: 'Date',
        kind: 'Type',
        payee: 'Name',
        amount: 'Amount',
        currency: 'Currency',
        text: ['Description', 'Notes and #tags'],
      },
    },
  },
  starling: {
    label: 'Starling',
    exampleHeader: 'Date,Counter Party,Reference,Type,Amount (GBP),Balance (GBP),Spending Category,Notes',
    mapping: {
      delimiter: ',',
      dateFormat: 'DD/MM/YYYY',
      decimalMark: '.',
      currency: 'GBP',
      columns: {
        date: 'Date',
        payee: 'Counter Party',
        text: ['Reference', 'Notes'],
        kind: 'Type',
        amount: 'Amount (GBP)',
      },
    },
  },
  barclays: {
    label: 'Barclays (UK)',
    exampleHeader: 'Number,Date,Account,Amount,Subcategory,Memo',
    mapping: {
      delimiter: ',',
      dateFormat: 'DD/MM/YYYY',
      decimalMark: '.',
      currency: 'GBP',
      columns: {
        bankReference: 'Number',
        date: 'Date',
        amount: 'Amount',
        kind: 'Subcategory',
        payee: 'Memo',
      },
    },
  },
  wise: {
    label: 'Wise',
    exampleHeader:
      'TransferWise ID,Date,Amount,Currency,Description,Payment Reference,Running Balance,Exchange From,Exchange To,Exchange Rate,Payer Name,Payee Name,Payee Account Number,Merchant,Card Last Four Digits,Card Holder Full Name,Attachment,Note,Total fees',
    mapping: {
      delimiter: ',',
      dateFormat: 'DD-MM-YYYY',
      decimalMark: '.',
      columns: {
        bankReference: 'TransferWise ID',
        date: 'Date',
        amount: 'Amount',
        currency: 'Currency',
        payee: ['Payee Name', 'Merchant', 'Description'],
        payer: ['Payer Name', 'Description'],
        text: ['Description', 'Payment Reference'],
      },
    },
  },
  generic: {
    label: 'Plain (date; payee; amount)',
    exampleHeader: 'date;payee;amount',
    mapping: { columns: { date: 'date', payee: 'payee', amount: 'amount' } },
  },
} as const satisfies Record<string, CsvPreset>;

export type CsvPresetId = keyof typeof CSV_PRESETS;

/** A header cell as compared: lower case, inner spaces collapsed, no quotes or BOM around it. */
export const headerKey = (cell: string): string =>
  cell
    .replace(/^\uFEFF/u, '')
    .trim()
    .replace(/\s+/gu, ' ')
    .toLowerCase();

/** The columns a mapping names, each as the alternatives of which one must be in the header. */
export function mappedColumns(mapping: CsvMapping): string[][] {
  return Object.entries(mapping.columns).map(([, value]) => (Array.isArray(value) ? value : [value]));
}

/** Whether a header holds a column: `Währung#2` asks for a second `Währung`. */
export function headerHas(header: readonly string[], column: string): boolean {
  return columnIndex(header, column) !== -1;
}

/** The index of a column in the header, or -1. */
export function columnIndex(header: readonly string[], column: string): number {
  const [name = '', nth = '1'] = /^(.*?)(?:#(\d+))?$/u.exec(column)?.slice(1) ?? [];
  const wanted = headerKey(name);
  let seen = 0;
  for (let index = 0; index < header.length; index += 1) {
    if (headerKey(header[index] ?? '') === wanted) {
      seen += 1;
      if (seen === Number(nth)) return index;
    }
  }
  return -1;
}

/**
 * The preset whose columns a header line holds: every column it names is there (of alternatives,
 * one), the one naming most columns winning. Null when none fits.
 *
 * @example detectPreset(['Buchung', 'Valuta', 'Auftraggeber/Empfänger', …]) // 'ing-de'
 */
export function detectPreset(header: readonly string[]): CsvPresetId | null {
  let best: { id: CsvPresetId; score: number } | null = null;
  for (const [id, preset] of Object.entries(CSV_PRESETS) as [CsvPresetId, CsvPreset][]) {
    const wanted = mappedColumns(preset.mapping);
    const fits = wanted.every((alternatives) => alternatives.some((column) => headerHas(header, column)));
    if (fits && (!best || wanted.length > best.score)) best = { id, score: wanted.length };
  }
  return best?.id ?? null;
}
