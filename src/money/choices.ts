/**
 * The money area's closed lists. They import nothing, so the web app bundles them as they are
 * (the import page's column-mapping form offers the same date layouts the reader takes).
 */

/** Date layouts bank CSV exports use; `DD.MM.YY` years are read as 20YY. */
export const CSV_DATE_FORMATS = [
  'DD.MM.YYYY',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'YYYY-MM-DD',
  'DD.MM.YY',
  'DD-MM-YYYY',
] as const;
export type CsvDateFormat = (typeof CSV_DATE_FORMATS)[number];
