/**
 * QR codes a phone can read: a signed presentation (issue 5) or a signed intent (issue 18), drawn
 * at the size it is meant to be shown (docs/decisions.md, "QR codes a phone can read").
 */

/**
 * The longest text shown as a QR code: what version 40 holds at low error correction in byte
 * mode. It is readable only because the code is drawn at `QR_MODULE_PX` CSS pixels a module with
 * a 4-module quiet zone (ISO/IEC 18004), so even version 40 stays at 0.8 mm a module on a 96-dpi
 * screen, which a phone camera reads at arm's length. Longer ones go as a file.
 */
export const QR_CAPACITY = 2953;
/** CSS pixels per QR module as shown: whole pixels, so the code stays crisp at its own size. */
export const QR_MODULE_PX = 3;
/** The quiet zone around the code, in modules, as ISO/IEC 18004 asks. */
const QR_QUIET_ZONE = 4;

/** A text as a QR code, or why it is not one. */
export type QrPicture =
  | { readonly svg: string; readonly png: Buffer; readonly version: number; readonly widthPx: number }
  | { readonly tooLarge: string };

/**
 * A text as a QR code drawn at the size it is meant to be shown (`QR_MODULE_PX` a module, so the
 * SVG's width is its shown width), or, for one longer than `QR_CAPACITY`, the reason in words,
 * with `instead` (what the person can do): a code too dense to scan is worse than none.
 *
 * @example await qrPicture(sdJwt, { what: 'This presentation', instead: 'save it as a file' })
 */
export async function qrPicture(
  text: string,
  words: { readonly what: string; readonly instead: string },
): Promise<QrPicture> {
  const bytes = Buffer.byteLength(text);
  if (bytes > QR_CAPACITY) {
    return {
      tooLarge: `${words.what} is ${bytes.toLocaleString('en')} bytes, more than a QR code a phone can read holds (${QR_CAPACITY.toLocaleString('en')}): ${words.instead}.`,
    };
  }
  const options = { errorCorrectionLevel: 'L', margin: QR_QUIET_ZONE } as const;
  // Loaded when a code is first drawn, not with every command.
  const { default: QRCode } = await import('qrcode');
  const { version, modules } = QRCode.create(text, options);
  const widthPx = (modules.size + 2 * QR_QUIET_ZONE) * QR_MODULE_PX;
  return {
    version,
    widthPx,
    svg: await QRCode.toString(text, { ...options, type: 'svg', width: widthPx }),
    png: await QRCode.toBuffer(text, { ...options, type: 'png', scale: 2 * QR_MODULE_PX }),
  };
}
