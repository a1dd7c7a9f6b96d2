/**
 * Where each part of a letter sits on an A4 sheet, in millimetres from the top-left corner, for the
 * three window-envelope layouts vrm prints. The figures and their sources are in
 * docs/decisions.md ("Letters: the window layouts").
 */
export const LAYOUTS = ['din5008-a', 'din5008-b', 'uk'] as const;
export type LetterLayout = (typeof LAYOUTS)[number];

export const LANGUAGES = ['en', 'de'] as const;
export type LetterLanguage = (typeof LANGUAGES)[number];

/** A rectangle on the page, in millimetres. */
export interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface LayoutGeometry {
  /** The address field: what the envelope's window shows. */
  readonly window: Box;
  /** Where the recipient's first line starts, below the return line (and, in DIN 5008, the notes zone). */
  readonly addressTop: number;
  /** The most recipient lines the window holds at the address type size. */
  readonly addressLines: number;
  /** How wide an address line may run from `addressLeft`, in millimetres, before its type shrinks. */
  readonly addressWidth: number;
  /** The information block beside the window: customer number and date. */
  readonly info: { readonly left: number; readonly top: number };
  /** Where the subject starts on page 1. */
  readonly subjectTop: number;
  /** Fold marks on the left edge. */
  readonly folds: readonly number[];
  /** The sender's name and address at the top right (a letterhead), one line each. */
  readonly letterhead: { readonly top: number; readonly stacked: boolean };
}

/** A4 in millimetres. */
export const PAGE = { width: 210, height: 297 } as const;
/** DIN 5008: a text margin of 25 mm on the left and at least 20 mm on the right. */
export const MARGIN = { left: 25, right: 20, bottom: 25 } as const;
/** The hole-punch mark, at the middle of the sheet's height (DIN 5008 and ISO 838). */
export const HOLE_MARK = 148.5;
/** The address field's own inner margin: the text starts 5 mm in from its left edge. */
const INSET = 5;
/**
 * DIN 5008: the 45 mm field is a 17.7 mm zone for the return address and postal notes, then a
 * 27.3 mm zone of six address lines.
 */
const DIN_NOTES_ZONE = 17.7;

const din = (top: number, folds: readonly number[], infoTop: number, letterheadTop: number) =>
  ({
    window: { left: 20, top, width: 85, height: 45 },
    addressTop: top + DIN_NOTES_ZONE,
    addressLines: 6,
    // The 85 mm field less its 5 mm inset and a 2 mm margin on the right.
    addressWidth: 78,
    info: { left: 125, top: infoTop },
    // Two blank lines (about 8.5 mm) below the address field.
    subjectTop: top + 45 + 8.5,
    folds,
    letterhead: { top: letterheadTop, stacked: false },
  }) satisfies LayoutGeometry;

export const GEOMETRY: Readonly<Record<LetterLayout, LayoutGeometry>> = {
  // Form A: a 27 mm letterhead; folds for a DL envelope at 87 and 192 mm.
  'din5008-a': din(27, [87, 192], 32, 10),
  // Form B: a 45 mm letterhead; folds at 105 and 210 mm.
  'din5008-b': din(45, [105, 210], 50, 14),
  // UK: a DL or C5/6 envelope's window, 90 × 35 mm, 20 mm in and 50 mm down; sheet folded in thirds.
  uk: {
    window: { left: 20, top: 50, width: 90, height: 35 },
    addressTop: 50 + 6,
    addressLines: 6,
    // A4 (210 mm) may slide 10 mm sideways in a DL envelope (220 mm): lines stop 10 mm short of
    // the window's right edge.
    addressWidth: 73,
    info: { left: 125, top: 62 },
    subjectTop: 50 + 35 + 10,
    folds: [99, 198],
    letterhead: { top: 15, stacked: true },
  },
};

/** Left edge of the address text. */
export const addressLeft = (g: LayoutGeometry): number => g.window.left + INSET;

/**
 * The layout a provider's country takes by default: DIN 5008 form B in Germany, Austria and
 * Switzerland (and wherever else, as the more common form), the UK layout in Britain and Ireland.
 */
export function layoutFor(country: string | null | undefined): LetterLayout {
  return country && ['GB', 'IE'].includes(country.toUpperCase()) ? 'uk' : 'din5008-b';
}

/** German where German is the language of the provider's country, English everywhere else. */
export function languageFor(country: string | null | undefined): LetterLanguage {
  return country && ['DE', 'AT', 'CH', 'LI', 'LU'].includes(country.toUpperCase()) ? 'de' : 'en';
}

/** Millimetres to PDF points. */
export const pt = (mm: number): number => (mm * 72) / 25.4;
